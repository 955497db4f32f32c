#!/bin/sh
# Runs inside the IPVS lane guest (busybox sh), started by bench/checkers/lane.sh. For each daemon in turn
# (same guest, same real servers, one after the other): start it as a checker-only director on bench.conf, wait
# until every real server is in the IPVS table, warm up, then measure over a window: CPU seconds (utime + stime
# of every process of the daemon, from /proc/PID/stat), resident memory (VmRSS summed at the end, VmHWM summed),
# real servers present in `ipvsadm -Ln`, and probes per second as counted by the real-server process.
# Prints a markdown table between BENCH-TABLE-BEGIN and BENCH-TABLE-END and writes it to $OUT/table.md.
#   lane-guest.sh   (environment: BENCH_SERVERS BENCH_WARMUP BENCH_SECONDS BENCH_DAEMONS OUT)
servers=${BENCH_SERVERS:-1000}
warmup=${BENCH_WARMUP:-15}
seconds=${BENCH_SECONDS:-60}
daemons=${BENCH_DAEMONS:-keepalived vigil}
out=${OUT:-/mnt/share}
here=/opt/lane
hz=100   # USER_HZ is 100 on x86 Linux
ip() { /usr/bin/ip "$@"; }
mkdir -p "$out" /tmp/bench /etc/keepalived /var/run
for m in ip_vs ip_vs_rr; do modprobe $m 2>/dev/null; done
ip link set lo up

# 1,000 loopback aliases 127.1.x.y (127/8 is local anyway; the aliases make the servers' addresses explicit).
i=0
: > /tmp/bench/addrs
while [ $i -lt "$servers" ]; do
  echo "addr add 127.1.$((i / 250)).$((i % 250 + 1))/32 dev lo" >> /tmp/bench/addrs
  i=$((i + 1))
done
ip -batch /tmp/bench/addrs || { echo "BENCH-ERROR cannot add the loopback aliases"; exit 1; }

# The farm holds 1,000 listening sockets plus the connections: it gets a raised open-file limit. The daemons keep
# the guest's default (as under a plain shell or a systemd unit without LimitNOFILE).
echo "BENCH default open-file limit: $(ulimit -n)"
( ulimit -n 65536 && exec "$here/vigil-bench-server" "$servers" /tmp/bench/serve.stats ) > /tmp/bench/server.log 2>&1 &
spid=$!
i=0
while [ $i -lt 200 ] && ! grep -q '^ready' /tmp/bench/server.log; do sleep 0.1; i=$((i + 1)); done
grep -q '^ready' /tmp/bench/server.log || { echo "BENCH-ERROR server did not start"; cat /tmp/bench/server.log; exit 1; }
echo "BENCH server up: $(cat /tmp/bench/server.log)"

# sum of utime+stime (ticks) and of VmRSS / VmHWM (kB) over every process whose comm is $1
ticks_of() {
  t=0
  for d in /proc/[0-9]*; do
    [ "$(cat "$d/comm" 2>/dev/null)" = "$1" ] || continue
    read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ < "$d/stat" 2>/dev/null || continue
    t=$((t + ut + st))
  done
  echo $t
}
# "utime stime" ticks summed over every process whose comm is $1
split_of() {
  u=0; t=0
  for d in /proc/[0-9]*; do
    [ "$(cat "$d/comm" 2>/dev/null)" = "$1" ] || continue
    read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ < "$d/stat" 2>/dev/null || continue
    u=$((u + ut)); t=$((t + st))
  done
  echo "$u $t"
}
kb_of() { # COMM FIELD
  k=0
  for d in /proc/[0-9]*; do
    [ "$(cat "$d/comm" 2>/dev/null)" = "$1" ] || continue
    v=$(awk -v f="$2:" '$1 == f { print $2 }' "$d/status" 2>/dev/null)
    k=$((k + ${v:-0}))
  done
  echo $k
}
nprocs_of() {
  n=0
  for d in /proc/[0-9]*; do [ "$(cat "$d/comm" 2>/dev/null)" = "$1" ] && n=$((n + 1)); done
  echo $n
}
rs_up() { ipvsadm -Ln 2>/dev/null | grep -c -- '-> 127\.1\.'; }
uptime_cs() { awk '{ split($1, a, "."); print a[1] * 100 + substr(a[2] "00", 1, 2) }' /proc/uptime; }
# idle + iowait ticks of the whole guest (all vCPUs)
idle_ticks() { awk '$1 == "cpu" { print $5 + $6 }' /proc/stat; }
total_ticks() { awk '$1 == "cpu" { s = 0; for (i = 2; i <= 9; i++) s += $i; print s }' /proc/stat; }
ncpu=$(grep -c '^processor' /proc/cpuinfo)

conf=$here/bench.conf
table=$out/table.md
{
  echo "| daemon | processes | real servers up (end) | failed checks / removals (whole run) | probes/s seen by the server | HTTP requests/s | CPU s per minute | CPU % of one vCPU | CPU ms per probe | RSS MiB (end) | peak RSS MiB | server CPU s per minute | guest CPU busy % |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > /tmp/bench/table.md
status=0
for daemon in $daemons; do
  case $daemon in
    keepalived) exe=/usr/sbin/keepalived; comm=keepalived; extra="" ;;
    vigil) exe=$here/vigil; comm=vigil; extra="--lvs-backend=ipvs" ;;
    *) echo "BENCH-ERROR unknown daemon $daemon"; status=1; continue ;;
  esac
  echo "BENCH $daemon: config check"
  "$exe" -t -f "$conf" > /tmp/bench/$daemon-t.log 2>&1
  trc=$?
  echo "BENCH $daemon -t -f bench.conf: rc=$trc"
  [ $trc = 0 ] || { cat /tmp/bench/$daemon-t.log | head -20; status=1; }
  ipvsadm -C
  log=/tmp/bench/$daemon.log
  # shellcheck disable=SC2086
  "$exe" -C -n -l -G $extra -f "$conf" -p /run/$daemon.pid -c /run/$daemon-checkers.pid > "$log" 2>&1 &
  dpid=$!
  t_start=$(uptime_cs)
  i=0
  while [ $i -lt 600 ] && [ "$(rs_up)" -lt "$servers" ] && kill -0 $dpid 2>/dev/null; do sleep 0.25; i=$((i + 1)); done
  up0=$(rs_up)
  echo "BENCH $daemon: $up0 real servers in the IPVS table after $(( ($(uptime_cs) - t_start) / 100 )) s"
  sleep "$warmup"
  if ! kill -0 $dpid 2>/dev/null; then
    echo "BENCH-ERROR $daemon exited"; tail -40 "$log"; status=1
    echo "| $daemon | exited | $up0 | $(grep -c '_CHECK on service .* failed' "$log") / $(grep -c 'Removing service' "$log") | - | - | - | - | - | - | - | - | - |" >> /tmp/bench/table.md
    continue
  fi
  read -r sms0 acc0 http0 < /tmp/bench/serve.stats
  sp0=$(split_of $comm); vp0=$(split_of vigil-bench-ser)
  c0=$(ticks_of $comm); s0=$(ticks_of vigil-bench-ser); u0=$(uptime_cs); i0=$(idle_ticks); tt0=$(total_ticks)
  left=$seconds
  while [ "$left" -gt 0 ]; do   # progress every 10 s: real servers up, daemon CPU ticks, server totals
    step=10; [ "$left" -lt 10 ] && step=$left
    sleep $step; left=$((left - step))
    echo "BENCH $daemon: +$((seconds - left)) s: $(rs_up) up, cpu ticks $(( $(ticks_of $comm) - c0 )), server $(cat /tmp/bench/serve.stats)"
  done
  c1=$(ticks_of $comm); s1=$(ticks_of vigil-bench-ser); u1=$(uptime_cs); i1=$(idle_ticks); tt1=$(total_ticks)
  sp1=$(split_of $comm); vp1=$(split_of vigil-bench-ser)
  echo "BENCH $daemon: utime stime ticks over the window: daemon $sp0 -> $sp1, server $vp0 -> $vp1"
  read -r sms1 acc1 http1 < /tmp/bench/serve.stats
  up=$(rs_up)
  rss=$(kb_of $comm VmRSS); hwm=$(kb_of $comm VmHWM); np=$(nprocs_of $comm)
  removals="$(grep -c '_CHECK on service .* failed' "$log") / $(grep -c 'Removing service' "$log")"
  for p in $(pidof $comm); do echo "BENCH $daemon pid $p: $(grep 'Max open files' /proc/$p/limits)"; done
  row=$(awk -v d="$daemon" -v np="$np" -v up="$up" -v rm="$removals" -v acc=$((acc1 - acc0)) -v http=$((http1 - http0)) \
      -v sms=$((sms1 - sms0)) -v cpu=$((c1 - c0)) -v scpu=$((s1 - s0)) -v hz=$hz -v el=$((u1 - u0)) -v rss="$rss" \
      -v hwm="$hwm" -v idle=$((i1 - i0)) -v tot=$((tt1 - tt0)) 'BEGIN {
        e = el / 100; if (e <= 0) e = 1; pm = cpu / hz * 60 / e
        if (sms > 0) { ps = sprintf("%.0f", acc * 1000 / sms); hs = sprintf("%.0f", http * 1000 / sms) }
        else { ps = "server stalled"; hs = "-" }
        busy = 0; if (tot > 0) busy = (tot - idle) * 100 / tot   # (no comparison inside printf: it would redirect)
        per = "-"; if (acc > 0) per = sprintf("%.2f", cpu / hz * 1000 / acc)
        printf "| %s | %d | %d | %s | %s | %s | %.2f | %.1f | %s | %.1f | %.1f | %.2f | %.0f |", d, np, up, rm, ps, hs,
          pm, pm / 60 * 100, per, rss / 1024, hwm / 1024, scpu / hz * 60 / e, busy }')
  echo "$row" >> /tmp/bench/table.md
  echo "BENCH $daemon: $row"
  echo "BENCH $daemon: stopping (SIGTERM)"
  kill -TERM $dpid
  i=0
  while kill -0 $dpid 2>/dev/null && [ $i -lt 120 ]; do sleep 0.25; i=$((i + 1)); done
  kill -0 $dpid 2>/dev/null && { echo "BENCH-ERROR $daemon still running 30 s after SIGTERM; SIGKILL"; kill -KILL $dpid; status=1; }
  echo "BENCH $daemon: $(rs_up) real servers left after stop; log $(wc -l < "$log") lines"
  echo "--- $daemon log: first 15 lines"
  head -15 "$log"
  echo "--- $daemon log: last 15 lines"
  tail -15 "$log"
  cp "$log" "$out/" 2>/dev/null
  ipvsadm -C
  [ "$up" = "$servers" ] || status=1
done
echo "--- server log"
cat /tmp/bench/server.log
kill $spid 2>/dev/null
echo "# guest: $(uname -r), $ncpu vCPU(s), $(awk '/MemTotal/ { printf "%d MiB", $2 / 1024 }' /proc/meminfo); $servers real servers ($((servers / 2)) TCP_CHECK + $((servers / 2)) HTTP_GET), delay_loop 1, ${warmup} s warm-up, ${seconds} s measured" > "$table"
cat /tmp/bench/table.md >> "$table"
echo "BENCH-TABLE-BEGIN"
cat "$table"
echo "BENCH-TABLE-END"
exit $status
