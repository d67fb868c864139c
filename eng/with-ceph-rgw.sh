#!/usr/bin/env bash
# Runs a command with a throw-away Ceph RGW on 127.0.0.1 (see eng/ceph-rgw.sh) and the tests'
# variables pointing at it; every daemon is stopped when the command ends.
# Usage: bash eng/with-ceph-rgw.sh bash eng/test.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=eng/ceph-rgw.sh
source "$root/eng/ceph-rgw.sh"
s3x_start_ceph_rgw

s3x_export_ceph_rgw_for_tests
"$@"
