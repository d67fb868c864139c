#!/usr/bin/env bash
# Runs a command against a private s3rver (a Node S3 server that stores objects on disk and
# serves byte ranges by seeking): installs s3rver@3.7.1 with npm into artifacts/tools if missing,
# starts it on a free 127.0.0.1 port with a temporary data folder, exports
# S3EXCHANGE_TEST_ENDPOINT / S3EXCHANGE_TEST_ACCESS_KEY_ID / S3EXCHANGE_TEST_SECRET_ACCESS_KEY
# (S3RVER / S3RVER), runs the command given as arguments, then stops the server and removes the
# data folder. Exits with the command's status.
#
#   eng/with-s3rver.sh dotnet run -c Release --project bench/S3Exchange.Bench.Publish
#   eng/with-s3rver.sh dotnet test tests/S3Exchange.Tests
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/artifacts/tools/s3rver"
s3rver="$tools/node_modules/.bin/s3rver"
if [ ! -x "$s3rver" ]; then
  echo "Installing s3rver@3.7.1 into $tools" >&2
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" s3rver@3.7.1 >&2
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
data=$(mktemp -d "${TMPDIR:-/tmp}/s3rver-data.XXXXXX")
log="$data.log"
"$s3rver" -d "$data" -a 127.0.0.1 -p "$port" -s --allow-mismatched-signatures >"$log" 2>&1 &
server=$!

stop() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data" "$log"
}
trap stop EXIT

for _ in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "s3rver exited while starting:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done

export S3EXCHANGE_TEST_ENDPOINT="http://127.0.0.1:$port"
export S3EXCHANGE_TEST_ACCESS_KEY_ID=S3RVER
export S3EXCHANGE_TEST_SECRET_ACCESS_KEY=S3RVER
echo "s3rver at $S3EXCHANGE_TEST_ENDPOINT (data in $data)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
