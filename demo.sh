#!/usr/bin/env bash
# Vigil demo: three routers in network namespaces on one bridge share a virtual IP with VRRP.
# Shows who holds the VIP, kills the master, shows the VIP moving and the measured failover time,
# then removes everything it created. Needs root, iproute2 and the .NET SDK (tcpdump optional).
#   sudo ./demo.sh                          run Vigil
#   sudo VIGIL_DEMO_DAEMON=keepalived ./demo.sh   same demo with keepalived, for comparison
set -euo pipefail
cd "$(dirname "$0")"

[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (it creates network namespaces)"; exit 1; }
command -v ip >/dev/null || { echo "demo.sh: needs iproute2 (apt-get install iproute2)"; exit 1; }

DAEMON=${VIGIL_DEMO_DAEMON:-vigil}
ID="vgdemo$$"
WORK=$(mktemp -d /tmp/vigil-demo.XXXXXX)
VIP=192.0.2.100
NODES=(r1 r2 r3)
PRIOS=(150 120 100)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for n in sw "${NODES[@]}"; do
    ip netns pids "$ID-$n" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ID-$n" 2>/dev/null || true
  done
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if [ "$DAEMON" = vigil ]; then
  echo "== building vigil (dotnet publish: native executable)"
  dotnet publish src/Vigil -c Release -nologo -clp:ErrorsOnly -o "$WORK/bin" >/dev/null
  RUN=("$WORK/bin/vigil")
else
  command -v keepalived >/dev/null || { echo "demo.sh: keepalived not installed"; exit 1; }
  RUN=(keepalived)
fi

echo "== building the lab: bridge br0 in $ID-sw, routers ${NODES[*]}"
ip netns add "$ID-sw"
ip -n "$ID-sw" link set lo up
ip -n "$ID-sw" link add br0 type bridge stp_state 0 forward_delay 0
ip -n "$ID-sw" link set br0 up
for i in "${!NODES[@]}"; do
  n=${NODES[$i]}
  ip netns add "$ID-$n"
  ip -n "$ID-$n" link set lo up
  ip -n "$ID-$n" link add eth0 type veth peer name "p$i" netns "$ID-sw"
  ip -n "$ID-sw" link set "p$i" master br0
  ip -n "$ID-sw" link set "p$i" up
  ip -n "$ID-$n" addr add "192.0.2.$((i + 1))/24" dev eth0
  ip -n "$ID-$n" link set eth0 up
  cat > "$WORK/$n.conf" <<CONF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${PRIOS[$i]}
    advert_int 1
    virtual_ipaddress {
        $VIP/24
    }
}
CONF
done

holder() {   # first router other than $1 holding the VIP
  for n in "${NODES[@]}"; do
    [ "$n" = "${1:-}" ] && continue
    if ip -n "$ID-$n" -br addr show dev eth0 2>/dev/null | grep -qw "$VIP"; then echo "$n"; return; fi
  done
  echo none
}

echo "== starting $DAEMON on each router (priorities ${PRIOS[*]})"
for n in "${NODES[@]}"; do
  ip netns exec "$ID-$n" "${RUN[@]}" -n -l -f "$WORK/$n.conf" -p "$WORK/$n.pid" -r "$WORK/$n-vrrp.pid" \
    -c "$WORK/$n-chk.pid" > "$WORK/$n.log" 2>&1 &
  PIDS+=($!); disown
done

deadline=$((SECONDS + 15))
while [ "$(holder)" = none ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
master=$(holder)
[ "$master" != none ] || { echo "no router took the VIP"; tail -n 20 "$WORK"/*.log; exit 1; }
echo "== $VIP is held by $master"
for n in "${NODES[@]}"; do printf '   %-3s %s\n' "$n" "$(grep -o 'Entering [A-Z]* STATE.*' "$WORK/$n.log" | tail -1)"; done

if command -v tcpdump >/dev/null; then
  ip netns exec "$ID-sw" tcpdump -i br0 -n -U --immediate-mode -w "$WORK/failover.pcap" 'ip proto 112 or arp' >/dev/null 2>&1 &
  PIDS+=($!); disown; sleep 1
fi

echo "== the master ($master) dies: SIGKILL to its daemon, its link goes down"
t0=$(date +%s.%N)
ip netns pids "$ID-$master" | xargs -r kill -9
ip -n "$ID-$master" link set eth0 down
deadline=$((SECONDS + 15))
while new=$(holder "$master"); [ "$new" = none ] && [ $SECONDS -lt $deadline ]; do sleep 0.01; done
t1=$(date +%s.%N)
[ "$new" != none ] || { echo "VIP did not move"; tail -n 20 "$WORK"/*.log; exit 1; }
echo "== $VIP moved to $new after $(echo "$t1 - $t0" | bc -l | xargs printf '%.2f') s (kill to address on the new master)"

if command -v tcpdump >/dev/null; then
  sleep 0.5; kill -INT "${PIDS[-1]}" 2>/dev/null || true; sleep 0.3
  old_ip="192.0.2.$(( $(printf '%s\n' "${NODES[@]}" | grep -nx "$master" | cut -d: -f1) ))"
  last=$(tcpdump -r "$WORK/failover.pcap" -n -tt "src $old_ip and ip proto 112" 2>/dev/null | tail -1 | cut -d' ' -f1)
  garp=$(tcpdump -r "$WORK/failover.pcap" -n -tt "arp" 2>/dev/null | grep -m1 "$VIP" | cut -d' ' -f1)
  if [ -n "$last" ] && [ -n "$garp" ]; then
    echo "== on the wire: last advert of $master to first gratuitous ARP of $new: $(echo "$garp - $last" | bc -l | xargs printf '%.3f') s"
    echo "   (protocol bound: 3 x advert_int + skew = $(echo "3 + (256 - ${PRIOS[1]}) / 256" | bc -l | xargs printf '%.3f') s)"
  fi
fi
echo "== cleaning up"
