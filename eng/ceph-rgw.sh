# Sourced by other scripts: starts a throw-away single-node Ceph cluster on 127.0.0.1 (one
# monitor, one memstore OSD, one radosgw) with an S3 user of fixed test credentials, everything
# under one temp folder, and stops every daemon by its PID when the sourcing shell exits (also on
# failure). Installs Debian's radosgw, ceph-mon, ceph-osd and ceph-common when they are missing.
#
#   source eng/ceph-rgw.sh; s3x_start_ceph_rgw   # exports S3X_RGW_ENDPOINT and the credentials
#
# What each setting is for is in the comments of the config below; the facts behind them are in
# docs/servers.md.

S3X_RGW_ACCESS_KEY=s3exchange-test-access
S3X_RGW_SECRET_KEY=s3exchange-test-secret-0123456789abcdef

s3x_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Polls "$@" every 0.1 s for at most $1 seconds; fails with the last output when it never succeeds.
s3x_wait_for() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      echo "Ceph RGW: $what did not happen within $seconds s" >&2
      return 1
    fi
    sleep 0.1
  done
}

s3x_install_ceph() {
  if command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v ceph-osd >/dev/null && command -v radosgw-admin >/dev/null; then
    return 0
  fi
  echo "Installing Debian's radosgw ceph-mon ceph-osd ceph-common (about 40 s)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq radosgw ceph-mon ceph-osd ceph-common >/dev/null ||
    { echo "Could not install the Ceph packages" >&2; return 1; }
}

s3x_osd_up() {
  ceph -c "$S3X_RGW_DIR/ceph.conf" osd stat -f json 2>/dev/null | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin).get("num_up_osds") == 1 else 1)'
}

s3x_start_ceph_rgw() {
  s3x_install_ceph || return 1
  S3X_RGW_DIR=$(mktemp -d /tmp/s3x-ceph.XXXXXX)
  S3X_RGW_PIDS=()
  trap 's3x_stop_ceph_rgw' EXIT
  local dir=$S3X_RGW_DIR mon_port osd_low rgw_port conf
  mon_port=$(s3x_free_port)
  rgw_port=$(s3x_free_port)
  # The OSD binds a few ports of its own; give it a range no one else here uses.
  osd_low=$((20000 + RANDOM % 20000))
  conf="$dir/ceph.conf"
  mkdir -p "$dir/mon" "$dir/osd" "$dir/run" "$dir/log"
  cat >"$conf" <<EOF
[global]
fsid = $(python3 -c 'import uuid; print(uuid.uuid4())')
mon_host = v2:127.0.0.1:$mon_port
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_ipv4 = true
ms_bind_ipv6 = false
# msgr2 only; with authentication off every connection mode must be crc, or radosgw asks for
# secure mode and fails with "get_initial_auth_request returned -13".
ms_bind_msgr1 = false
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_cluster_mode = crc
ms_mon_service_mode = crc
ms_mon_client_mode = crc
ms_cluster_mode = crc
ms_service_mode = crc
ms_client_mode = crc
ms_bind_port_min = $osd_low
ms_bind_port_max = $((osd_low + 100))
run_dir = $dir/run
admin_socket = $dir/run/\$name.asok
log_file = $dir/log/\$name.log
pid_file = $dir/run/\$name.pid
keyring = $dir/keyring
# One replica, few placement groups, no autoscaling: a one-OSD cluster is healthy this way.
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_crush_chooseleaf_type = 0
mon_osd_full_ratio = 0.99
mon_osd_nearfull_ratio = 0.98
mon_osd_backfillfull_ratio = 0.985
# Pool creation otherwise waits about a second per map epoch.
paxos_propose_interval = 0.05

[mon]
mon_data = $dir/mon
mon_initial_members = a

[osd]
osd_data = $dir/osd
# Data lives in the OSD's RAM; the capacity bounds it (tests delete what they write).
osd_objectstore = memstore
memstore_device_bytes = 4294967296
osd_max_object_name_len = 256
osd_max_object_namespace_len = 64

[client.rgw]
rgw_data = $dir/rgw
# tcp_nodelay: without it every small GET stalls 40-50 ms (Nagle and delayed ACK).
rgw_frontends = beast endpoint=127.0.0.1:$rgw_port tcp_nodelay=1
rgw_dns_name = 127.0.0.1
# Deleted data is kept 2 h by default; in a memstore that fills the OSD during a long run.
rgw_gc_obj_min_wait = 60
rgw_gc_processor_period = 60
rgw_thread_pool_size = 64
EOF
  monmaptool --create --clobber --fsid "$(sed -n 's/^fsid = //p' "$conf")" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >/dev/null || return 1
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" >"$dir/log/mkfs-mon.out" 2>&1 || { cat "$dir/log/mkfs-mon.out" >&2; return 1; }
  ceph-mon -c "$conf" -i a -f >"$dir/log/mon.out" 2>&1 &
  S3X_RGW_PIDS+=($!)
  s3x_wait_for 30 "the monitor answering" timeout 5 ceph -c "$conf" mon stat || return 1

  local uuid id
  uuid=$(python3 -c 'import uuid; print(uuid.uuid4())')
  id=$(ceph -c "$conf" osd new "$uuid") || return 1
  ceph-osd -c "$conf" -i "$id" --mkfs --osd-uuid "$uuid" >"$dir/log/mkfs-osd.out" 2>&1 || { cat "$dir/log/mkfs-osd.out" >&2; return 1; }
  ceph-osd -c "$conf" -i "$id" -f >"$dir/log/osd.out" 2>&1 &
  S3X_RGW_PIDS+=($!)
  s3x_wait_for 60 "the OSD coming up" s3x_osd_up || return 1

  radosgw -c "$conf" -n client.rgw -f >"$dir/log/rgw.out" 2>&1 &
  S3X_RGW_PIDS+=($!)
  s3x_wait_for 90 "radosgw answering on 127.0.0.1:$rgw_port" curl -sf -o /dev/null "http://127.0.0.1:$rgw_port/" || { tail -20 "$dir/log/rgw.out" >&2; return 1; }
  radosgw-admin -c "$conf" -n client.rgw user create --uid=s3exchange-test --display-name="S3Exchange tests" \
    --access-key="$S3X_RGW_ACCESS_KEY" --secret-key="$S3X_RGW_SECRET_KEY" >"$dir/log/user.out" 2>&1 || { cat "$dir/log/user.out" >&2; return 1; }

  export S3X_RGW_ENDPOINT="http://127.0.0.1:$rgw_port"
  export S3X_RGW_ACCESS_KEY S3X_RGW_SECRET_KEY
  echo "Ceph RGW at $S3X_RGW_ENDPOINT (data and logs in $dir)"
}

# Stops radosgw, the OSD and the monitor by PID (TERM, a bounded wait, then KILL), newest first,
# and removes the folder.
s3x_stop_ceph_rgw() {
  local i pid
  for ((i = ${#S3X_RGW_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${S3X_RGW_PIDS[$i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  S3X_RGW_PIDS=()
  [ -n "${S3X_RGW_DIR:-}" ] && [ -z "${S3X_RGW_KEEP:-}" ] && rm -rf "$S3X_RGW_DIR"
  return 0
}

# Points the test suite (S3EXCHANGE_TEST_* variables) at the running cluster.
s3x_export_ceph_rgw_for_tests() {
  export S3EXCHANGE_TEST_ENDPOINT="$S3X_RGW_ENDPOINT" S3EXCHANGE_TEST_SERVER=ceph-rgw
  export S3EXCHANGE_TEST_ACCESS_KEY_ID="$S3X_RGW_ACCESS_KEY" S3EXCHANGE_TEST_SECRET_ACCESS_KEY="$S3X_RGW_SECRET_KEY"
  export S3EXCHANGE_TEST_REGION="${S3EXCHANGE_TEST_REGION:-us-east-1}"
}
