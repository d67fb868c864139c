#!/usr/bin/env bash
# Runs a command against s3rver, a Node S3 server that keeps objects on disk and serves byte
# ranges by seeking (moto reads a whole object to answer a ranged GET, which hides what ranged
# reads save). For benchmarks only: s3rver has no conditional writes, so the test suite needs
# moto or a full S3. Usage: bash eng/with-s3rver.sh dotnet run -c Release --project bench/S3Exchange.Bench.Store
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/artifacts/tools/s3rver"
if [ ! -x "$tools/node_modules/.bin/s3rver" ]; then
  mkdir -p "$tools"
  npm install --silent --prefix "$tools" s3rver@3.7.1
fi

data="$(mktemp -d)"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$tools/node_modules/.bin/s3rver" -d "$data" -a 127.0.0.1 -p "$port" -s --allow-mismatched-signatures &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done

export S3EXCHANGE_TEST_ENDPOINT="http://127.0.0.1:$port"
export S3EXCHANGE_TEST_ACCESS_KEY_ID=S3RVER
export S3EXCHANGE_TEST_SECRET_ACCESS_KEY=S3RVER
echo "s3rver at $S3EXCHANGE_TEST_ENDPOINT"
"$@"
