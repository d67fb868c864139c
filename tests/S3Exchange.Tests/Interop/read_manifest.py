"""Reads an S3Exchange manifest the way the Python reference does, with boto3, json and tarfile
only, and prints what it found as JSON: proof that what the C# library wrote is readable there."""
import hashlib
import io
import json
import sys

import boto3

TAR_MODES = {None: "r:", "gzip": "r:gz", "bz2": "r:bz2"}


def lines(client, bucket, key):
    body = client.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
    assert body.endswith("\n"), f"{key}: last line has no newline"
    for line in body.splitlines():
        if line.strip():
            assert ", " not in line and ": " not in line, f"{key}: not compact JSON: {line}"
            yield json.loads(line)


def walk(client, bucket, key, seen, out):
    for entry in lines(client, bucket, key):
        kind = entry["kind"]
        if kind == "manifest_ref":
            out["parts"] += 1
            if entry["key"] not in seen:
                seen.add(entry["key"])
                walk(client, bucket, entry["key"], seen, out)
        elif kind == "file":
            data = client.get_object(Bucket=bucket, Key=entry["key"])["Body"].read()
            out["files"].append({"key": entry["key"], "id": entry.get("id"), "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        elif kind == "shard":
            raw = client.get_object(Bucket=bucket, Key=entry["archive_key"])["Body"].read()
            with tarfile_open(raw, entry.get("compression")) as tar:
                members = tar.getmembers()
                index_path = entry.get("internal_manifest_path") or "__manifest__.jsonl"
                assert members[0].name == index_path, f"first member is {members[0].name}"
                index = [json.loads(l) for l in tar.extractfile(members[0]).read().decode("utf-8").splitlines() if l.strip()]
                assert [m.name for m in members[1:]] == [i["member_path"] for i in index], "member order differs from the internal manifest"
                for item, member in zip(index, members[1:]):
                    assert item["kind"] == "file"
                    assert item["key"] == entry["archive_key"] + "#" + item["member_path"]
                    data = tar.extractfile(member).read()
                    out["files"].append({"key": item["key"], "id": item.get("id"), "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "mode": member.mode})
            out["shards"].append({"archive_key": entry["archive_key"], "compression": entry.get("compression"), "count": entry.get("count")})
        else:
            raise ValueError(f"unknown kind {kind}")


def tarfile_open(raw, compression):
    import tarfile
    return tarfile.open(fileobj=io.BytesIO(raw), mode=TAR_MODES[compression])


def main():
    endpoint, bucket, root = sys.argv[1:4]
    client = boto3.client("s3", endpoint_url=endpoint)  # region and credentials from AWS_* (the test settings)
    out = {"files": [], "shards": [], "parts": 0}
    walk(client, bucket, root, {root}, out)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
