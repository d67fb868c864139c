#!/usr/bin/env bash
# The main job: packs S3Exchange and S3Exchange.Build into a local feed, publishes
# samples/ConsumerProject with them (its output lands in S3 as shards plus a manifest), prints
# that manifest, runs the published app, fetches the build back through the download target and
# again with the s3x tool (then `s3x verify`s the folder against the manifest), timing both fetches,
# and runs samples/WorkerService (DI from appsettings.json, ILogger, traces).
# Uses the S3 server S3_ENDPOINT_URL names, or starts a local moto_server when none is set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=eng/local-s3.sh
source "$root/eng/local-s3.sh"
s3x_start_local_s3

python3 - <<'PY'
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name=os.environ.get("S3_REGION", "us-east-1"),
                  aws_access_key_id=os.environ.get("S3_AWS_ACCESS_KEY_ID"), aws_secret_access_key=os.environ.get("S3_AWS_SECRET_ACCESS_KEY"))
try:
    s3.create_bucket(Bucket=os.environ["S3_BUCKET"])
except s3.exceptions.BucketAlreadyOwnedByYou:
    pass
PY

# A new version per run: NuGet caches packages by version, so a reused one would serve an old build.
version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
feed="$root/artifacts/feed"
sample="$root/samples/ConsumerProject"
echo "== Packing S3Exchange, S3Exchange.Build and S3Exchange.Tool $version into $feed"
dotnet pack "$root/src/Runtime/S3Exchange.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v:q
dotnet pack "$root/src/Tasks/S3Exchange.Build.Tasks.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v:q
dotnet pack "$root/src/Tool/S3Exchange.Tool.csproj" -c Release -o "$feed" -p:Version="$version" -nologo -v:q
tools="$root/artifacts/tools"
rm -rf "$tools"
dotnet tool install S3Exchange.Tool --tool-path "$tools" --add-source "$feed" --version "$version" >/dev/null

echo "== Publishing the sample (dotnet publish stores it in S3)"
mkdir -p "$root/artifacts"
log="$root/artifacts/sample-publish.log"
record="$sample/obj/Release/net10.0/s3exchange-publish.txt"
rm -f "$record"
status=0
dotnet publish "$sample" -c Release -nr:false -tl:false -v:n -p:S3ExchangePackageVersion="$version" >"$log" 2>&1 || status=$?
grep -E '^\s+(S3Exchange (publish|dry run)|\[[0-9]+/[0-9]+\])|: (error|warning) ' "$log" || true
[ "$status" -eq 0 ] && [ -f "$record" ] || { echo "The publish failed (exit code $status); full log: $log" >&2; exit 1; }
manifest_key=$(sed -n 's/^manifest=//p' "$record")

echo "== The manifest s3://$S3_BUCKET/$manifest_key"
python3 - "$manifest_key" <<'PY'
import os, sys, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT_URL"], region_name=os.environ.get("S3_REGION", "us-east-1"),
                  aws_access_key_id=os.environ.get("S3_AWS_ACCESS_KEY_ID"), aws_secret_access_key=os.environ.get("S3_AWS_SECRET_ACCESS_KEY"))
print(s3.get_object(Bucket=os.environ["S3_BUCKET"], Key=sys.argv[1])["Body"].read().decode(), end="")
PY

echo "== Running the published app"
"$sample/bin/Release/net10.0/publish/ConsumerProject"

# Milliseconds since the epoch (bash arithmetic; no bc needed).
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

echo "== Fetching the build back with the MSBuild download target and running the fetched copy"
fetched="$root/artifacts/sample-fetched"
rm -rf "$fetched"
started=$(now_ms)
# The download target resolves keys under the base prefix, so pass the key relative to it.
dotnet msbuild "$sample" -t:S3ExchangeDownload -nr:false -tl:false -v:n -p:S3ExchangePackageVersion="$version" \
  -p:S3ExchangeManifestKey="${manifest_key#sample/}" -p:S3ExchangeDownloadDir="$fetched" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
msbuild_ms=$(( $(now_ms) - started ))
grep -E '^\s+S3Exchange download' "$log"
"$fetched/ConsumerProject"

echo "== Fetching it again with s3x (the release-step tool), verifying and running that copy"
fetched_by_tool="$root/artifacts/sample-fetched-s3x"
rm -rf "$fetched_by_tool"
started=$(now_ms)
"$tools/s3x" fetch "$manifest_key" "$fetched_by_tool"
tool_ms=$(( $(now_ms) - started ))
"$tools/s3x" verify "$manifest_key" --dir "$fetched_by_tool"
"$fetched_by_tool/ConsumerProject"
echo "== Fetch wall time, process start to end: MSBuild target ${msbuild_ms} ms, s3x ${tool_ms} ms"

echo "== A worker service with the store from DI (appsettings.json + S3_*), its log and its traces"
dotnet run --project "$root/samples/WorkerService" -c Release -nologo -v:q
