#!/usr/bin/env bash
# Config-test benchmark: generates an N-instance configuration (default 10,000 VRRP instances plus 100 virtual
# servers), then times `vigil -t` and `keepalived -t` on the same file in the same run, inside a throw-away network
# namespace that has the interfaces the file names. Prints both times and the ratio. Needs root, ip, keepalived.
#   sudo bench/config/bench.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
RUNS=${2:-3}
IFS_PER=250   # VRIDs per interface (1..255 each)
NIF=$(( (N + IFS_PER - 1) / IFS_PER ))
ns="vigil-bench-$$"
work=$(mktemp -d /tmp/vigil-bench.XXXXXX)
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
[ -n "${KEEP_BENCH:-}" ] && trap - EXIT

echo "publishing vigil (Release, ReadyToRun, framework-dependent)..." >&2
dotnet publish src/Vigil -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -nologo -clp:ErrorsOnly -o "$work/bin" >/dev/null
VIGIL="$work/bin/vigil"

ip netns add "$ns"
ip -n "$ns" link set lo up
for ((i = 0; i < (NIF + 2) / 2; i++)); do
  ip -n "$ns" link add "bx$((2 * i))" type veth peer name "bx$((2 * i + 1))"
done
for ((i = 0; i < 2 * ((NIF + 2) / 2); i++)); do ip -n "$ns" link set "bx$i" up; done

conf="$work/keepalived.conf"
{
  printf 'global_defs {\n  router_id bench\n  enable_script_security\n  vrrp_garp_master_delay 1\n}\n\n'
  for ((i = 0; i < N; i++)); do
    ifn=$((i / IFS_PER)); vrid=$((i % IFS_PER + 1))
    printf 'vrrp_instance VI_%d {\n  state BACKUP\n  interface bx%d\n  virtual_router_id %d\n  priority %d\n  advert_int 1\n  version 3\n' \
      "$i" "$ifn" "$vrid" $((100 + i % 100))
    printf '  track_interface {\n    bx%d weight -10\n  }\n' $((ifn + 1))
    printf '  virtual_ipaddress {\n    2001:db8:%x:%x::1/64 dev bx%d\n    2001:db8:%x:%x::2/64\n  }\n}\n' \
      $((i / 65536)) $((i % 65536)) "$ifn" $((i / 65536)) $((i % 65536))
  done
  for ((v = 0; v < 100; v++)); do
    printf 'virtual_server 192.0.2.%d 80 {\n  delay_loop 10\n  lvs_sched rr\n  lvs_method NAT\n  protocol TCP\n' $((v + 1))
    for ((r = 1; r <= 10; r++)); do
      printf '  real_server 198.51.100.%d 8080 {\n    weight 1\n    TCP_CHECK {\n      connect_timeout 3\n    }\n  }\n' "$r"
    done
    printf '}\n'
  done
} > "$conf"
echo "config: $N vrrp instances, 100 virtual servers x 10 real servers, $(wc -l < "$conf") lines, $(du -h "$conf" | cut -f1)" >&2

best() { # best wall time in ms over RUNS runs of: $@ (exit status ignored, it is printed once)
  local best=999999999 t0 t1 ms rc
  for ((k = 0; k < RUNS; k++)); do
    t0=$(date +%s%N)
    set +e; "$@" >/dev/null 2>"$work/err"; rc=$?; set -e
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  echo "$best $rc $(wc -l < "$work/err")"
}

read -r vt vrc vlines < <(best ip netns exec "$ns" "$VIGIL" -t -f "$conf")
read -r kt krc klines < <(best ip netns exec "$ns" keepalived -t -f "$conf")
echo "vigil -t:      ${vt} ms (exit $vrc, $vlines diagnostic lines)"
echo "keepalived -t: ${kt} ms (exit $krc, $klines diagnostic lines)"
awk -v v="$vt" -v k="$kt" 'BEGIN { printf "ratio vigil/keepalived: %.2f\n", v / k }'
