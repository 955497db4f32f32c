#!/bin/sh
# Runs inside the IPVS lane guest (busybox sh): the vigil daemon as a director with IPVS, real servers in
# network namespaces (busybox httpd), checked with ipvsadm -Ln. Prints "N passed, N failed".
# Usage: daemon-checks.sh PATH-TO-VIGIL
vigil=${1:-./vigil}
pass=0
ip() { /usr/bin/ip "$@"; }
fail=0
ok() { pass=$((pass + 1)); echo "PASS $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; ipvsadm -Ln; }
# wait_for DESCRIPTION COMMAND...: poll up to 10 s
wait_for() {
  what=$1; shift
  i=0
  while [ $i -lt 40 ]; do
    if "$@" >/dev/null 2>&1; then ok "$what"; return 0; fi
    sleep 0.25; i=$((i + 1))
  done
  ko "$what"
}
has() { ipvsadm -Ln | grep -Eq "$1"; }
lacks() { ! ipvsadm -Ln | grep -Eq "$1"; }

mkdir -p /run/netns /tmp/lane /www
echo ok > /www/index.html
for m in ip_vs ip_vs_rr ip_vs_wrr ip_vs_sh veth; do modprobe $m 2>/dev/null; done
ip link set lo up
ip addr add 198.51.100.100/32 dev lo
ip addr add 198.51.100.101/32 dev lo
ip addr add 198.51.100.102/32 dev lo
sysctl -qw net.ipv4.ip_forward=1 2>/dev/null || echo 1 > /proc/sys/net/ipv4/ip_forward
n=0
for rs in rs1 rs2 rs3; do
  d=$((n * 16 + 1)); r=$((n * 16 + 2)); n=$((n + 1))
  ip netns add $rs
  ip link add v$rs type veth peer name eth0 netns $rs
  ip addr add 203.0.113.$d/28 dev v$rs
  ip link set v$rs up
  ip -n $rs link set lo up
  ip -n $rs addr add 203.0.113.$r/28 dev eth0
  ip -n $rs link set eth0 up
  ip -n $rs route add default via 203.0.113.$d
done
serve() { ip netns exec $1 busybox httpd -p $2:$3 -h /www; }
serve rs1 203.0.113.2 80
serve rs2 203.0.113.18 80
serve rs3 203.0.113.34 80

cat > /tmp/lane/keepalived.conf <<'CONF'
global_defs {
    lvs_backend ipvs
    lvs_timeouts tcp 900 tcpfin 30 udp 60
    lvs_sync_daemon vrs1 id 5
}
virtual_server 198.51.100.100 80 {
    protocol TCP
    lvs_sched wrr
    lvs_method NAT
    persistence_timeout 30
    delay_loop 1
    warmup 0
    sorry_server 203.0.113.34 80
    real_server 203.0.113.2 80 {
        weight 3
        TCP_CHECK {
            connect_timeout 1
            retry 0
        }
    }
    real_server 203.0.113.18 80 {
        weight 1
        HTTP_GET {
            url {
                path /index.html
            }
            connect_timeout 1
            retry 0
            delay_before_retry 1
        }
    }
}
virtual_server fwmark 7 {
    lvs_sched sh
    lvs_method DR
    flag-1
    real_server 203.0.113.2 {
        weight 2
    }
}
virtual_server_group G1 {
    198.51.100.101-102 81
}
virtual_server group G1 {
    protocol TCP
    lvs_sched rr
    lvs_method TUN
    real_server 203.0.113.18 81 {
    }
}
CONF

"$vigil" -n -l -G -f /tmp/lane/keepalived.conf -p /tmp/lane/k.pid -r /tmp/lane/v.pid -c /tmp/lane/c.pid > /tmp/lane/vigil.log 2>&1 &
vpid=$!

wait_for "wrr service with persistence" has 'TCP  198\.51\.100\.100:80 wrr persistent 30'
has 'TCP  198\.51\.100\.100:80' || { echo "--- vigil log (nothing programmed)"; cat /tmp/lane/vigil.log; }
wait_for "rs1 weight 3 NAT" has '203\.0\.113\.2:80 +Masq +3 '
wait_for "rs2 weight 1 NAT" has '203\.0\.113\.18:80 +Masq +1 '
wait_for "fwmark service sh with fallback" has 'FWM  7 sh \(sh-fallback\)'
wait_for "fwmark real server DR weight 2" has '203\.0\.113\.2:0 +Route +2 '
wait_for "group entry .101" has 'TCP  198\.51\.100\.101:81 rr'
wait_for "group entry .102" has 'TCP  198\.51\.100\.102:81 rr'
wait_for "group real server TUN" has '203\.0\.113\.18:81 +Tunnel +1 '
wait_for "lvs_timeouts" sh -c "ipvsadm -L --timeout | grep -q '900 30 60'"
wait_for "sync daemon master" sh -c "ipvsadm -L --daemon | grep -q 'master sync daemon (mcast=vrs1, syncid=5'"
wait_for "sync daemon backup" sh -c "ipvsadm -L --daemon | grep -q 'backup sync daemon (mcast=vrs1, syncid=5'"
wait_for "sorry server absent while quorum is up" lacks '203\.0\.113\.34:80'
wait_for "--lvs-status shows the table" sh -c "'$vigil' --lvs-status -f /tmp/lane/keepalived.conf | grep -q '203.0.113.2:80'"

# rs1 fails its TCP check: removed; returns after restart.
kill $(ip netns pids rs1) 2>/dev/null
wait_for "failed rs1 removed" lacks '203\.0\.113\.2:80 '
wait_for "rs2 stays" has '203\.0\.113\.18:80 +Masq +1 '
serve rs1 203.0.113.2 80
wait_for "recovered rs1 restored" has '203\.0\.113\.2:80 +Masq +3 '

# both fail: quorum lost, the sorry server alone.
kill $(ip netns pids rs1) $(ip netns pids rs2) 2>/dev/null
wait_for "sorry server on quorum loss" has '203\.0\.113\.34:80 +Masq +1 '
wait_for "real servers out on quorum loss" lacks '203\.0\.113\.(2|18):80 '
serve rs1 203.0.113.2 80
wait_for "quorum regained: sorry server out" lacks '203\.0\.113\.34:80'
wait_for "quorum regained: rs1 back" has '203\.0\.113\.2:80 +Masq +3 '

kill -TERM $vpid
i=0; while kill -0 $vpid 2>/dev/null && [ $i -lt 60 ]; do sleep 0.25; i=$((i + 1)); done
wait_for "table removed at SIGTERM" lacks '198\.51\.100\.10[0-2]|FWM'
wait_for "sync daemons stopped at SIGTERM" sh -c "! ipvsadm -L --daemon | grep -q 'sync daemon'"
echo "--- vigil log"
cat /tmp/lane/vigil.log

# lvs_sync_daemon tied to a VRRP instance: backup daemon while it is BACKUP, master daemon only once it is MASTER,
# none after SIGTERM.
cat > /tmp/lane/sync.conf <<'CONF'
global_defs {
    lvs_sync_daemon vrs1 VI_1 id 7
}
vrrp_instance VI_1 {
    state BACKUP
    interface vrs1
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.200/32
    }
}
CONF
"$vigil" -n -l -G -f /tmp/lane/sync.conf -p /tmp/lane/k2.pid -r /tmp/lane/v2.pid -c /tmp/lane/c2.pid > /tmp/lane/vigil2.log 2>&1 &
vpid=$!
wait_for "VRRP BACKUP: backup sync daemon" sh -c "ipvsadm -L --daemon | grep -q 'backup sync daemon (mcast=vrs1, syncid=7'"
wait_for "VRRP MASTER: master sync daemon" sh -c "ipvsadm -L --daemon | grep -q 'master sync daemon (mcast=vrs1, syncid=7'"
wait_for "VRRP MASTER: backup sync daemon stopped" sh -c "! ipvsadm -L --daemon | grep -q 'backup sync daemon'"
kill -TERM $vpid
i=0; while kill -0 $vpid 2>/dev/null && [ $i -lt 60 ]; do sleep 0.25; i=$((i + 1)); done
wait_for "VRRP stop: sync daemon stopped" sh -c "! ipvsadm -L --daemon | grep -q 'sync daemon'"
echo "--- vigil log (sync daemon following VI_1)"
cat /tmp/lane/vigil2.log
echo "$pass passed, $fail failed"
[ $fail = 0 ]
