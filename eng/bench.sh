#!/usr/bin/env bash
# Runs the store and/or publish benchmarks against moto (the fixture starts it) or a throw-away
# Ceph RGW on 127.0.0.1 (eng/ceph-rgw.sh, stopped when this script exits, also on failure).
# Installs the publish benchmark's baselines when missing: awscli (pip) and Debian's rclone.
# Arguments after the benchmark name go to the benchmark unchanged.
#
#   bash eng/bench.sh ceph-rgw publish --runs 1 --only random
#   bash eng/bench.sh moto store --only put,get
#   bash eng/bench.sh ceph-rgw all        # store, then publish, on one RGW
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
usage="Usage: bash eng/bench.sh moto|ceph-rgw store|publish|all [benchmark arguments...]"
server="${1:?$usage}"
which_bench="${2:?$usage}"
shift 2

case "$which_bench" in
  store) benches=(Store) ;;
  publish) benches=(Publish) ;;
  all) benches=(Store Publish) ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

if [[ " ${benches[*]} " == *" Publish "* ]]; then
  command -v aws >/dev/null || python3 -m pip install --quiet awscli
  if ! command -v rclone >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rclone >/dev/null
  fi
fi

case "$server" in
  moto) ;;
  ceph-rgw)
    # shellcheck source=eng/ceph-rgw.sh
    source "$root/eng/ceph-rgw.sh"
    s3x_start_ceph_rgw
    s3x_export_ceph_rgw_for_tests
    ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

for bench in "${benches[@]}"; do
  echo "== bench/S3Exchange.Bench.$bench on $server: $*"
  dotnet run -c Release --project "$root/bench/S3Exchange.Bench.$bench" -- "$@"
done
