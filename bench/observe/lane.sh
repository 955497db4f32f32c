#!/usr/bin/env bash
# Observation run: keepalived 2.2.7's checker (-C -n -l -D) inside the IPVS lane (../shared/reference/ipvs-lane.sh),
# busybox httpd real servers on 127.1.0.N:80, scenarios in guest.sh. Results land in $OBS_WORK/share/<scenario>/
# (keepalived.conf, keepalived.log, notify.log, fifo.log, ipvs.log). Run as root from the repository root.
#   sudo bench/observe/lane.sh                       # all scenarios
#   SCENARIOS="tcp http" sudo bench/observe/lane.sh  # a subset (see guest.sh)
#   OBS_WORK=DIR (default /tmp/observe-lane)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lane_script=${IPVS_LANE_SCRIPT:-$root/../shared/reference/ipvs-lane.sh}
work=${OBS_WORK:-/tmp/observe-lane}
mkdir -p "$work"; work=$(realpath "$work")
share=$work/share
rm -rf "$share"; mkdir -p "$share"
ssl=()
for lib in libssl.so.3 libcrypto.so.3; do
  p=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
  [ -n "$p" ] && ssl+=(--add "$p:$p")
done
envs=(--env OUT=/mnt/share)
[ -n "${SCENARIOS:-}" ] && envs+=(--env "SCENARIOS=$SCENARIOS")
set +e
bash "$lane_script" --work "$work/qemu" --no-smoke --timeout "${OBS_TIMEOUT:-600}" --share "$share" \
  --add /usr/sbin/keepalived:/usr/sbin/keepalived --add "$here/guest.sh:/opt/lane/guest.sh" \
  "${ssl[@]}" "${envs[@]}" --cmd 'sh guest.sh' > "$work/lane.log" 2>&1
rc=$?
set -e
grep -a '^OBS' "$work/lane.log" || true
echo "observe-lane: qemu rc $rc; console $work/lane.log; results $share" >&2
exit $rc
