#!/usr/bin/env bash
# Builds the solution once, then runs every test project against each S3 server in turn and
# ends with the totals of all runs on a line of their own: "N passed, N failed, N skipped".
#
# Servers: moto (a moto_server the tests start themselves) and ceph-rgw (a throw-away Ceph RGW
# that eng/ceph-rgw.sh starts, installing Debian's packages when missing). Choose with
# S3EXCHANGE_TEST_SERVERS="moto" (or "ceph-rgw", default "moto ceph-rgw"). With
# S3EXCHANGE_TEST_ENDPOINT set, the tests run once, against that server only.
# Extra arguments go to each `dotnet test` (e.g. --filter "FullyQualifiedName~Manifest").
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

totals() {
  python3 - "$@" <<'PY'
import glob, sys
import xml.etree.ElementTree as ET
folder, status = sys.argv[1], int(sys.argv[2])
passed = failed = skipped = 0
for path in glob.glob(folder + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("{*}ResultSummary/{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
if status != 0 and failed == 0:
    failed = 1  # the build, a server or the test host failed before any test result was written
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

# Runs the suite with the results under $results/$1; the current environment names the server.
run_suite() {
  local name=$1
  shift
  local started=$SECONDS status=0
  dotnet test "$root/S3Exchange.Build.sln" --no-build --logger "trx" --results-directory "$results/$name" "$@" || status=$?
  echo "== $name: $(totals "$results/$name" "$status") in $((SECONDS - started)) s"
  return $status
}

status=0
dotnet build "$root/S3Exchange.Build.sln" -nologo -v:q || status=$?

if [ $status -eq 0 ]; then
  if [ -n "${S3EXCHANGE_TEST_ENDPOINT:-}" ]; then
    run_suite "${S3EXCHANGE_TEST_SERVER:-external}" "$@" || status=$?
  else
    for server in ${S3EXCHANGE_TEST_SERVERS:-moto ceph-rgw}; do
      case "$server" in
        moto) run_suite moto "$@" || status=$? ;;
        ceph-rgw)
          # A subshell, so the cluster's EXIT trap stops every daemon when this run ends.
          (
            # shellcheck source=eng/ceph-rgw.sh
            source "$root/eng/ceph-rgw.sh"
            s3x_start_ceph_rgw || exit 1
            s3x_export_ceph_rgw_for_tests
            run_suite ceph-rgw "$@"
          ) || status=$?
          ;;
        *) echo "Unknown test server '$server' (known: moto ceph-rgw)" >&2; status=1 ;;
      esac
    done
  fi
fi

totals "$results" "$status"
exit $status
