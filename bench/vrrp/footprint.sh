#!/usr/bin/env bash
# Resident memory and CPU seconds of a node running 200 VRRP instances for 30 s, Vigil beside keepalived
# in the same run. The node is master of every instance (one peer runs as backup so adverts are received).
#   sudo bench/vrrp/footprint.sh [INSTANCES] [SECONDS]
source "$(dirname "$0")/lib.sh"
COUNT=${1:-200}
DURATION=${2:-30}
DAEMONS=${BENCH_DAEMONS:-keepalived vigil}
[[ " $DAEMONS " == *" vigil "* ]] && build_vigil
make_lab 2

conf() { # conf PRIORITY
  local i
  for ((i = 1; i <= COUNT; i++)); do
    cat <<CONF
vrrp_instance VI_$i {
    state BACKUP
    interface eth0
    virtual_router_id $i
    priority $1
    advert_int 1
    virtual_ipaddress {
        198.51.100.$(( (i - 1) % 250 + 1 ))/32
    }
}
CONF
  done
}
conf 150 > "$WORK/master.conf"
conf 100 > "$WORK/backup.conf"
HZ=$(getconf CLK_TCK)

cpu_ticks() { # sum utime+stime of pids
  local t=0 p
  for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo $t
}
rss_kb() {
  local t=0 p
  for p in "$@"; do t=$((t + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done
  echo $t
}

printf '%-10s %9s %12s %12s %14s\n' daemon instances rss_mib cpu_s adverts_sent
for kind in $DAEMONS; do
  : > "$WORK/r0.log"; : > "$WORK/r1.log"; rm -f "$WORK"/*.pid
  start_daemon "$kind" r1 "$WORK/backup.conf"
  start_daemon "$kind" r0 "$WORK/master.conf"
  # wait until all instances on r0 are master
  deadline=$((SECONDS + 60))
  until [ "$(grep -c 'Entering MASTER STATE' "$WORK/r0.log")" -ge "$COUNT" ] || [ $SECONDS -ge $deadline ]; do sleep 0.2; done
  pids=$(ip netns pids "$ID-r0")
  c0=$(cpu_ticks $pids)
  ip netns exec "$ID-sw" timeout "$DURATION" tcpdump -i br0 -n -q 'src 192.0.2.1 and ip proto 112' 2>/dev/null > "$WORK/adv.txt" || true
  c1=$(cpu_ticks $pids)
  rss=$(rss_kb $pids)
  sent=$(wc -l < "$WORK/adv.txt")
  printf '%-10s %9d %12.1f %12.2f %14d\n' "$kind" "$COUNT" "$(echo "$rss/1024" | bc -l)" \
    "$(echo "($c1-$c0)/$HZ" | bc -l)" "$sent"
  stop_all r0 r1
  ip -n "$ID-r0" addr flush dev eth0 scope global 2>/dev/null; ip -n "$ID-r0" addr add 192.0.2.1/24 dev eth0
  ip -n "$ID-r1" addr flush dev eth0 scope global 2>/dev/null; ip -n "$ID-r1" addr add 192.0.2.2/24 dev eth0
done
