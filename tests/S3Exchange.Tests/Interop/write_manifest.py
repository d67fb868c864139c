"""Writes a manifest, part file, loose object and gzip shard the way the Python reference does
(tarfile's default PAX format, json.dumps with compact separators), and prints what it wrote as
JSON, so the C# library can be checked against it."""
import hashlib
import io
import json
import sys
import tarfile

import boto3


def dumps(entry):
    return json.dumps(entry, separators=(",", ":"))


def main():
    endpoint, bucket, prefix = sys.argv[1:4]
    client = boto3.client("s3", endpoint_url=endpoint)  # region and credentials from AWS_* (the test settings)
    written = []

    loose_key = f"{prefix}/training/9/samples/loose.wav"
    loose = b"python loose object"
    client.put_object(Bucket=bucket, Key=loose_key, Body=loose)
    written.append({"key": loose_key, "sha256": hashlib.sha256(loose).hexdigest()})

    archive_key = f"{prefix}/training/9/samples/shards/shard-00000.tar.gz"
    members = [(f"{i:04d}.wav", f"member {i} ".encode() * (i + 1)) for i in range(3)]
    members.append(("a/very/" + "long/" * 30 + "name.wav", b"long name member"))
    index = "".join(dumps({"kind": "file", "key": f"{archive_key}#{name}", "member_path": name, "id": name.rsplit(".", 1)[0], "meta": {"sr": 16000}, "size_bytes": len(data)}) + "\n" for name, data in members).encode()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, data in [("__manifest__.jsonl", index)] + members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    client.put_object(Bucket=bucket, Key=archive_key, Body=buffer.getvalue())
    for name, data in members:
        written.append({"key": f"{archive_key}#{name}", "sha256": hashlib.sha256(data).hexdigest()})

    part_key = f"{prefix}/training/9/samples/manifests/part-20260101-000000-0123abcd.jsonl"
    shard = {"kind": "shard", "archive_key": archive_key, "format": "tar", "compression": "gzip", "internal_manifest_path": "__manifest__.jsonl", "count": len(members), "size_bytes": len(buffer.getvalue()), "meta": {"etag": "x"}}
    client.put_object(Bucket=bucket, Key=part_key, Body=(dumps(shard) + "\n").encode())
    root_key = f"{prefix}/training/9/samples/manifest.jsonl"
    root = dumps({"kind": "file", "key": loose_key, "id": "loose", "meta": None, "size_bytes": len(loose)}) + "\n" + dumps({"kind": "manifest_ref", "key": part_key}) + "\n"
    client.put_object(Bucket=bucket, Key=root_key, Body=root.encode(), ContentType="application/x-ndjson")

    json.dump({"root": root_key, "written": written}, sys.stdout)


if __name__ == "__main__":
    main()
