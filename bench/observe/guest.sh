#!/bin/sh
# Runs inside the IPVS lane guest (busybox sh), started by bench/observe/lane.sh. Observes keepalived 2.2.7's
# checker (-C -n -l -D) on small IPVS virtual servers: startup notifies with/without rs_init_notifies and alpha,
# TCP_CHECK / HTTP_GET failure and recovery (HTTP: 404, connection refused, no answer), MISC_CHECK, SMTP_CHECK and
# DNS_CHECK failures; the *-laf scenarios repeat those with global_defs checker_log_all_failures true.
# Per scenario it writes to $OUT/<scenario>/: keepalived.conf, keepalived.log (daemon output with "=== MARK"
# lines appended by this script), notify.log (notify_up/notify_down script calls), fifo.log (lvs_notify_fifo lines),
# ipvs.log (ipvsadm -Ln snapshots at each mark).   Environment: OUT (default /mnt/share), SCENARIOS.
out=${OUT:-/mnt/share}
scenarios=${SCENARIOS:-init-off-noalpha init-on-noalpha init-off-alpha init-on-alpha tcp http misc smtp-dns tcp-laf http-laf misc-laf smtp-dns-laf}
ip() { /usr/bin/ip "$@"; }
mkdir -p /etc/keepalived /var/run /tmp/obs /opt/obs
for m in ip_vs ip_vs_rr; do modprobe $m 2>/dev/null; done
ip link set lo up
for n in 1 2 3; do ip addr add 127.1.0.$n/32 dev lo; done
up() { awk '{ print $1 }' /proc/uptime; }

cat > /opt/obs/notify.sh <<'EOS'
#!/bin/sh
echo "$(awk '{ print $1 }' /proc/uptime) notify $*" >> /tmp/obs/cur/notify.log
EOS
cat > /opt/obs/misc.sh <<'EOS'
#!/bin/sh
# MISC_CHECK: fails (exit 1) while /tmp/obs/miscfail-$1 exists
[ -e /tmp/obs/miscfail-$1 ] && exit 1
exit 0
EOS
chmod 755 /opt/obs/notify.sh /opt/obs/misc.sh

# real servers: busybox httpd on 127.1.0.N:80 serving /tmp/obs/wwwN/index.html
rs_start() { mkdir -p /tmp/obs/www$1; [ -e /tmp/obs/www$1/index.html ] || echo "rs$1" > /tmp/obs/www$1/index.html
  httpd -f -p 127.1.0.$1:80 -h /tmp/obs/www$1 & echo $! > /tmp/obs/rs$1.pid; }
rs_stop() { [ -f /tmp/obs/rs$1.pid ] && kill "$(cat /tmp/obs/rs$1.pid)" 2>/dev/null; rm -f /tmp/obs/rs$1.pid; }
rs_stop_all() { for n in 1 2 3; do rs_stop $n; done; }
mark() { echo "=== MARK uptime=$(up) $*" >> "$D/keepalived.log"; echo "=== MARK uptime=$(up) $*" >> "$D/notify.log"
  echo "=== MARK uptime=$(up) $*" >> "$D/fifo.log"
  { echo "=== MARK uptime=$(up) $*"; ipvsadm -Ln; } >> "$D/ipvs.log"; echo "OBS $S: $*"; }
in_ipvs() { ipvsadm -Ln | grep -q -- "-> $1:"; }
# wait_ipvs ADDR present|absent SECONDS
wait_ipvs() { i=0; while [ $i -lt $(($3 * 4)) ]; do
    if [ "$2" = present ]; then in_ipvs $1 && return 0; else in_ipvs $1 || return 0; fi
    sleep 0.25; i=$((i + 1)); done; echo "OBS $S: timeout waiting for $1 $2"; return 1; }

# globals: G_INIT (rs_init_notifies or empty); writes conf header
globals() { cat <<EOC
global_defs {
  router_id obs
  lvs_notify_fifo /tmp/obs/cur/lvs.fifo
$G_INIT
$G_LAF
}
EOC
}
# rs ADDR PORT CHECKBLOCK
rs() { cat <<EOC
  real_server $1 $2 {
    weight 1
    notify_up "/opt/obs/notify.sh up $1"
    notify_down "/opt/obs/notify.sh down $1"
$3
  }
EOC
}
begin() { # conf already in /tmp/obs/cur/keepalived.conf; everything is written under $D=/tmp/obs/cur, copied at the end
  D=/tmp/obs/cur
  : > "$D/keepalived.log"; : > "$D/ipvs.log"; : > "$D/fifo.log"
  ipvsadm -C
  echo "--- keepalived -t:" >> "$D/keepalived.log"
  keepalived -t -f "$D/keepalived.conf" >> "$D/keepalived.log" 2>&1; echo "--- -t rc=$?" >> "$D/keepalived.log"
  rm -f "$D/lvs.fifo"; mkfifo "$D/lvs.fifo"
  # FIFO reader: prefixes each line with the guest uptime; reopens after keepalived closes the FIFO
  ( while [ ! -e "$D/fifo.stop" ]; do awk -v u=/proc/uptime '{ getline t < u; close(u); split(t, a, " "); print a[1], $0; fflush() }' \
      "$D/lvs.fifo"; done ) >> "$D/fifo.log" 2>&1 &
  catpid=$!
  mark "starting keepalived"
  keepalived -C -n -l -D -f "$D/keepalived.conf" -p /run/ka.pid -c /run/ka-chk.pid >> "$D/keepalived.log" 2>&1 &
  kpid=$!
}
finish() {
  mark "SIGTERM to keepalived"
  kill -TERM $kpid; i=0; while kill -0 $kpid 2>/dev/null && [ $i -lt 60 ]; do sleep 0.25; i=$((i + 1)); done
  kill -0 $kpid 2>/dev/null && { echo "OBS $S: keepalived still running, SIGKILL"; kill -KILL $kpid; }
  sleep 1; mark "keepalived exited"
  touch "$D/fifo.stop"; pkill -P $catpid awk 2>/dev/null; sleep 0.3; pkill -P $catpid awk 2>/dev/null
  echo "[observer: reader unblock, not from keepalived]" > "$D/lvs.fifo" &   # unblocks a reader still in open()
  sleep 0.3; kill $catpid 2>/dev/null; pkill -P $catpid 2>/dev/null
  rs_stop_all; sleep 0.5
  mkdir -p "$out/$S"; cp "$D/keepalived.conf" "$D/keepalived.log" "$D/notify.log" "$D/fifo.log" "$D/ipvs.log" "$out/$S/"
  echo "OBS $S: done"
}

TCP='    TCP_CHECK {
      connect_timeout 1
    }'
for S in $scenarios; do
  rm -rf /tmp/obs/cur; mkdir -p /tmp/obs/cur; : > /tmp/obs/cur/notify.log; rm -f /tmp/obs/miscfail-*
  rm -rf /tmp/obs/www1 /tmp/obs/www2 /tmp/obs/www3
  case $S in *-laf) G_LAF="  checker_log_all_failures true" ;; *) G_LAF="" ;; esac   # the -laf variants log every failure
  case $S in
  init-*)
    G_INIT=""; ALPHA=""
    case $S in *-on-*) G_INIT="  rs_init_notifies" ;; esac
    case $S in *-alpha) case $S in *noalpha) ;; *) ALPHA="    alpha" ;; esac ;; esac
    { globals; echo "virtual_server 192.0.2.10 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
$ALPHA"; rs 127.1.0.1 80 "$TCP"; rs 127.1.0.2 80 "$TCP"; echo "}"; } > /tmp/obs/cur/keepalived.conf
    rs_start 1            # 127.1.0.1 UP at start, 127.1.0.2 DOWN (nothing listening)
    begin
    sleep 8; mark "starting listener on 127.1.0.2"
    rs_start 2
    wait_ipvs 127.1.0.2 present 15; sleep 3; mark "127.1.0.2 in IPVS (or timed out)"
    finish ;;
  tcp|tcp-laf)
    G_INIT=""
    CHK='    TCP_CHECK {
      connect_timeout 1
      retry 2
      delay_before_retry 1
    }'
    { globals; echo "virtual_server 192.0.2.10 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP"; rs 127.1.0.1 80 "$CHK"; rs 127.1.0.2 80 "$CHK"; echo "}"; } > /tmp/obs/cur/keepalived.conf
    rs_start 1; rs_start 2
    begin
    wait_ipvs 127.1.0.2 present 15; sleep 4; mark "stopping listener on 127.1.0.1 (connection refused)"
    rs_stop 1
    wait_ipvs 127.1.0.1 absent 30; sleep 3; mark "127.1.0.1 removed; starting its listener again"
    rs_start 1
    wait_ipvs 127.1.0.1 present 30; sleep 3; mark "127.1.0.1 back in IPVS"
    finish ;;
  http|http-laf)
    G_INIT=""
    CHK='    HTTP_GET {
      url {
        path /index.html
        status_code 200
      }
      connect_timeout 1
      retry 2
      delay_before_retry 1
    }'
    { globals; echo "virtual_server 192.0.2.10 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP"; rs 127.1.0.1 80 "$CHK"; rs 127.1.0.2 80 "$CHK"; echo "}"; } > /tmp/obs/cur/keepalived.conf
    rs_start 1; rs_start 2
    begin
    wait_ipvs 127.1.0.2 present 15; sleep 4; mark "removing 127.1.0.1's index.html (server answers 404)"
    rm -f /tmp/obs/www1/index.html
    wait_ipvs 127.1.0.1 absent 30; sleep 3; mark "127.1.0.1 removed; restoring index.html (200)"
    echo rs1 > /tmp/obs/www1/index.html
    wait_ipvs 127.1.0.1 present 30; sleep 3; mark "127.1.0.1 back; stopping its listener (connection refused)"
    rs_stop 1
    wait_ipvs 127.1.0.1 absent 30; sleep 3; mark "127.1.0.1 removed; starting its listener again"
    rs_start 1
    wait_ipvs 127.1.0.1 present 30; sleep 3; mark "127.1.0.1 back; SIGSTOP to its httpd (accepts in backlog, never answers)"
    kill -STOP "$(cat /tmp/obs/rs1.pid)"
    wait_ipvs 127.1.0.1 absent 40; sleep 3; mark "127.1.0.1 removed; SIGCONT to its httpd"
    kill -CONT "$(cat /tmp/obs/rs1.pid)"
    wait_ipvs 127.1.0.1 present 30; sleep 3; mark "127.1.0.1 back in IPVS"
    finish ;;
  misc|misc-laf)
    G_INIT=""
    { globals; echo "virtual_server 192.0.2.10 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP"
      rs 127.1.0.1 80 '    MISC_CHECK {
      misc_path "/opt/obs/misc.sh 127.1.0.1"
      misc_timeout 2
    }'
      rs 127.1.0.2 80 '    MISC_CHECK {
      misc_path "/opt/obs/misc.sh 127.1.0.2"
      misc_timeout 2
      retry 2
      delay_before_retry 1
    }'; echo "}"; } > /tmp/obs/cur/keepalived.conf
    begin
    wait_ipvs 127.1.0.2 present 15; sleep 4; mark "MISC_CHECK scripts for both start exiting 1"
    touch /tmp/obs/miscfail-127.1.0.1 /tmp/obs/miscfail-127.1.0.2
    wait_ipvs 127.1.0.1 absent 30; wait_ipvs 127.1.0.2 absent 30; sleep 3; mark "both removed; scripts exit 0 again"
    rm -f /tmp/obs/miscfail-*
    wait_ipvs 127.1.0.1 present 30; wait_ipvs 127.1.0.2 present 30; sleep 3; mark "both back in IPVS"
    finish ;;
  smtp-dns|smtp-dns-laf)
    G_INIT=""
    { globals; echo "virtual_server 192.0.2.10 25 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP"
      rs 127.1.0.1 25 '    SMTP_CHECK {
      connect_timeout 1
      retry 1
      delay_before_retry 1
      helo_name obs.example
    }'; echo "}"
      echo "virtual_server 192.0.2.10 53 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol UDP"
      rs 127.1.0.3 53 '    DNS_CHECK {
      connect_timeout 1
      retry 1
      delay_before_retry 1
      type A
      name example.com
    }'; echo "}"; } > /tmp/obs/cur/keepalived.conf
    begin      # nothing listens on 127.1.0.1:25 nor 127.1.0.3:53
    wait_ipvs 127.1.0.1 absent 30; wait_ipvs 127.1.0.3 absent 30; sleep 4; mark "both removed"
    finish ;;
  esac
done
echo "OBS-DONE"
