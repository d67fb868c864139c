#!/usr/bin/env bash
# The main job: the Python guide's Quick Start in C#, against a local S3 server it starts
# (or the one S3_ENDPOINT_URL names).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=eng/local-s3.sh
source "$root/eng/local-s3.sh"
s3x_start_local_s3
dotnet run --project "$root/samples/QuickStart" -c Release
