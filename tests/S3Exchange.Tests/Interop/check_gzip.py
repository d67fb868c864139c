"""Checks that a file is exactly ONE gzip member and prints what it holds, as JSON on stdout.

Usage: check_gzip.py FILE [--tar]
zlib.decompressobj(31) must reach the member's end with no bytes after it (a second member or
junk would be unused_data). With --tar, the members are read again with tarfile in stream mode
(r|gz, one pass, no seeking, as a pipe would give them): name, size and SHA-256 of each.
"""
import hashlib
import json
import sys
import tarfile
import zlib

path = sys.argv[1]
with open(path, "rb") as f:
    raw = f.read()
inflater = zlib.decompressobj(31)
data = inflater.decompress(raw) + inflater.flush()
out = {
    "eof": inflater.eof,
    "unused": len(inflater.unused_data),
    "size": len(data),
    "sha256": hashlib.sha256(data).hexdigest(),
}
if "--tar" in sys.argv[2:]:
    members = []
    with open(path, "rb") as f, tarfile.open(fileobj=f, mode="r|gz") as tar:
        for member in tar:
            content = tar.extractfile(member).read() if member.isfile() else b""
            members.append({"name": member.name, "size": member.size, "sha256": hashlib.sha256(content).hexdigest()})
    out["members"] = members
json.dump(out, sys.stdout)
