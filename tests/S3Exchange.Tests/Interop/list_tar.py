"""Lists a tar archive (plain or compressed) with Python's tarfile, as JSON on stdout.

Usage: list_tar.py ARCHIVE
Each member: name, type, size, mode, mtime, owner, and the SHA-256 of its data; the lines of a
first member named __manifest__.jsonl are parsed too.
"""
import hashlib
import json
import sys
import tarfile

members = []
manifest = None
with tarfile.open(sys.argv[1], "r:*") as tar:
    for member in tar:
        data = tar.extractfile(member).read() if member.isfile() else b""
        if not members and member.name == "__manifest__.jsonl":
            manifest = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        members.append({
            "name": member.name,
            "type": member.type.decode("ascii"),
            "size": member.size,
            "mode": member.mode,
            "mtime": int(member.mtime),
            "uid": member.uid,
            "gid": member.gid,
            "uname": member.uname,
            "gname": member.gname,
            "sha256": hashlib.sha256(data).hexdigest(),
        })
json.dump({"members": members, "manifest": manifest}, sys.stdout)
