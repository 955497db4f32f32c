#!/usr/bin/env bash
# Failover latency, Vigil beside keepalived in the same run: the time on the wire from the master's last
# advert to the backup's first gratuitous ARP after the master is SIGKILLed, compared with the protocol's
# master-down interval (down_timer_adverts x interval + skew). Two routers: master priority 150, backup 100.
#   sudo bench/vrrp/failover.sh [TRIALS]         (default 10 trials per daemon and setting)
# Settings measured: VRRPv2 advert_int 1, VRRPv3 advert_int 0.1.
source "$(dirname "$0")/lib.sh"
TRIALS=${1:-10}
DAEMONS=${BENCH_DAEMONS:-keepalived vigil}
[[ " $DAEMONS " == *" vigil "* ]] && build_vigil
make_lab 2

conf() { # conf VERSION INTERVAL PRIORITY
  cat <<CONF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    version $1
    virtual_router_id 51
    priority $3
    advert_int $2
    virtual_ipaddress {
        192.0.2.100/24
    }
}
CONF
}

trial() { # trial KIND VERSION INTERVAL -> prints seconds from last advert to first GARP
  local kind=$1 ver=$2 int=$3 pcap="$WORK/t.pcap"
  : > "$WORK/r0.log"; : > "$WORK/r1.log"; rm -f "$WORK"/*.pid
  conf "$ver" "$int" 150 > "$WORK/r0.conf"; conf "$ver" "$int" 100 > "$WORK/r1.conf"
  start_daemon "$kind" r0 "$WORK/r0.conf"
  wait_for_log "$WORK/r0.log" 'Entering MASTER STATE' 20 || { echo "r0 never became master" >&2; tail "$WORK/r0.log" >&2; return 1; }
  start_daemon "$kind" r1 "$WORK/r1.conf"
  wait_for_log "$WORK/r1.log" 'Entering BACKUP STATE' 20 || return 1
  sleep 1
  if grep -q 'Entering MASTER STATE' "$WORK/r1.log"; then echo "r1 was master before the kill" >&2; stop_all r0 r1; return 1; fi
  rm -f "$pcap"
  ip netns exec "$ID-sw" tcpdump -i br0 -n -U --immediate-mode -w "$pcap" 'ip proto 112 or arp' >"$WORK/tcpdump.log" 2>&1 &
  local tp=$!
  sleep 1
  stop_all r0
  wait_for_log "$WORK/r1.log" 'Entering MASTER STATE' 20 || { echo "r1 never took over" >&2; return 1; }
  sleep ${BENCH_POST:-0.5}
  kill -INT $tp 2>/dev/null; wait $tp 2>/dev/null || true
  stop_all r1
  ip -n "$ID-r0" addr del 192.0.2.100/24 dev eth0 2>/dev/null || true
  ip -n "$ID-r1" addr del 192.0.2.100/24 dev eth0 2>/dev/null || true
  local last garp
  last=$(tcpdump -r "$pcap" -n -tt 'src 192.0.2.1 and ip proto 112' 2>/dev/null | tail -1 | cut -d' ' -f1)
  garp=$(tcpdump -r "$pcap" -n -tt 'arp' 2>/dev/null | grep -m1 '192.0.2.100' | cut -d' ' -f1)
  [ -n "$last" ] && [ -n "$garp" ] || { echo "no advert/GARP captured" >&2; [ -n "${BENCH_DEBUG:-}" ] && { tcpdump -r "$pcap" -n -tt 2>/dev/null | tail -5 >&2; tail -5 "$WORK/r1.log" >&2; }; return 1; }
  echo "$garp - $last" | bc -l
}

printf '%-11s %-8s %-10s %10s %10s %10s %10s\n' setting daemon bound_ms median_ms min_ms max_ms late_ms
for setting in ${BENCH_SETTINGS:-2,1 3,0.1}; do
  IFS=, read -r ver int <<< "$setting"
  bound=$(echo "3 * $int + (256 - 100) * $int / 256" | bc -l)
  [ "$ver" = 2 ] && bound=$(echo "3 * $int + (256 - 100) / 256" | bc -l)
  for kind in $DAEMONS; do
    results=()
    for ((t = 0; t < TRIALS; t++)); do
      if r=$(trial "$kind" "$ver" "$int"); then results+=("$r"); fi
    done
    [ ${#results[@]} -gt 0 ] || { printf '%-11s %-8s failed\n' "v$ver/$int" "$kind"; continue; }
    med=$(printf '%s\n' "${results[@]}" | median)
    min=$(printf '%s\n' "${results[@]}" | sort -g | head -1)
    max=$(printf '%s\n' "${results[@]}" | sort -g | tail -1)
    printf '%-11s %-8s %10.1f %10.1f %10.1f %10.1f %10.1f\n' "v$ver/$int" "$kind" \
      "$(echo "$bound*1000" | bc -l)" "$(echo "$med*1000" | bc -l)" "$(echo "$min*1000" | bc -l)" \
      "$(echo "$max*1000" | bc -l)" "$(echo "($med-$bound)*1000" | bc -l)"
  done
done
