#!/usr/bin/env bash
# Runs every test project of the solution and ends with the totals on a line of their own:
# "N passed, N failed, N skipped". Tests that need S3 start their own moto_server (or use
# S3EXCHANGE_TEST_ENDPOINT); nothing needs to be running beforehand.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test "$root/S3Exchange.Build.sln" --logger "trx" --results-directory "$results" "$@"
status=$?

python3 - "$results" "$status" <<'PY'
import glob, sys
import xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # the build or the test host failed before any test result was written
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
