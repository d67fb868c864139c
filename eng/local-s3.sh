# Sourced by the other scripts: starts moto_server on a free 127.0.0.1 port unless
# S3_ENDPOINT_URL already names a server, and exports the S3_* variables S3Exchange reads.
# The server stops when the sourcing script exits.

s3x_start_local_s3() {
  if [ -n "${S3_ENDPOINT_URL:-}" ]; then
    echo "Using the S3 server at $S3_ENDPOINT_URL"
    return 0
  fi
  if ! command -v moto_server >/dev/null 2>&1; then
    echo "moto_server not found: install it (pip install 'moto[server]') or set S3_ENDPOINT_URL to an S3 server." >&2
    return 1
  fi
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
  S3X_MOTO_PID=$!
  trap 's3x_stop_local_s3' EXIT
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/"; then
      break
    fi
    sleep 0.1
  done
  export S3_ENDPOINT_URL="http://127.0.0.1:$port"
  export S3_REGION="${S3_REGION:-us-east-1}"
  export S3_BUCKET="${S3_BUCKET:-s3exchange-demo}"
  export S3_AWS_ACCESS_KEY_ID="${S3_AWS_ACCESS_KEY_ID:-testing}"
  export S3_AWS_SECRET_ACCESS_KEY="${S3_AWS_SECRET_ACCESS_KEY:-testing}"
  echo "Started moto_server at $S3_ENDPOINT_URL"
}

s3x_stop_local_s3() {
  if [ -n "${S3X_MOTO_PID:-}" ]; then
    kill "$S3X_MOTO_PID" 2>/dev/null || true
    wait "$S3X_MOTO_PID" 2>/dev/null || true
  fi
}
