# Shared helpers for the VRRP benchmarks: a bridge and N routers in namespaces, daemons started per
# router. Sourced by failover.sh and footprint.sh. Everything created is removed on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ID="vgbench$$"
WORK=$(mktemp -d /tmp/vigil-bench.XXXXXX)
NSLIST=()

bench_cleanup() {
  for ns in "${NSLIST[@]}"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap bench_cleanup EXIT INT TERM

# build_vigil: publishes the native vigil (Release, NativeAOT, as shipped) into $WORK/bin unless VIGIL_BIN points at
# a built binary.
build_vigil() {
  if [ -n "${VIGIL_BIN:-}" ]; then return; fi
  dotnet publish "$ROOT/src/Vigil" -c Release -nologo -clp:ErrorsOnly -o "$WORK/bin" >/dev/null
  VIGIL_BIN="$WORK/bin/vigil"
}

# make_lab N: namespace $ID-sw with br0, routers $ID-r0..r(N-1) with eth0 = 192.0.2.(i+1)/24
make_lab() {
  local n=$1 i
  ip netns add "$ID-sw"; NSLIST+=("$ID-sw")
  ip -n "$ID-sw" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$ID-sw" link set br0 up
  for ((i = 0; i < n; i++)); do
    ip netns add "$ID-r$i"; NSLIST+=("$ID-r$i")
    ip -n "$ID-r$i" link set lo up
    ip -n "$ID-r$i" link add eth0 type veth peer name "p$i" netns "$ID-sw"
    ip -n "$ID-sw" link set "p$i" master br0
    ip -n "$ID-sw" link set "p$i" up
    ip -n "$ID-r$i" addr add "192.0.2.$((i + 1))/24" dev eth0
    ip -n "$ID-r$i" link set eth0 up
  done
}

# start_daemon KIND ROUTER CONF: starts vigil or keepalived in router namespace, logs to $WORK/<router>.log
start_daemon() {
  local kind=$1 r=$2 conf=$3 bin
  if [ "$kind" = vigil ]; then bin=$VIGIL_BIN; else bin=keepalived; fi
  ip netns exec "$ID-$r" "$bin" -n -l -f "$conf" -p "$WORK/$r.pid" -r "$WORK/$r-vrrp.pid" \
    -c "$WORK/$r-chk.pid" >> "$WORK/$r.log" 2>&1 &
  disown
}

stop_all() { # stop_all ROUTER...: SIGKILL every process in those namespaces
  local r
  for r in "$@"; do ip netns pids "$ID-$r" | xargs -r kill -9 2>/dev/null || true; done
  sleep 0.2
}

wait_for_log() { # wait_for_log FILE REGEX SECONDS
  local deadline=$((SECONDS + $3))
  until grep -qE "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.02
  done
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
