#!/bin/sh
# Writes the keepalived.conf that both daemons run in the IPVS lane (bench/checkers/lane.sh), on stdout.
#   gen-conf.sh [SERVERS]   (default 1000; an even number)
# Two virtual servers: 203.0.113.1:80 with the first half of the real servers, each with one TCP_CHECK, and
# 203.0.113.2:80 with the second half, each with one HTTP_GET (GET / expecting status 200). Real server i is
# 127.1.(i / 250).(i % 250 + 1):80 (served by vigil-bench-server). delay_loop 1: one probe per real server per second.
n=${1:-1000}
half=$((n / 2))
cat <<CONF
global_defs {
    router_id vigil-bench
}
CONF
rs() { echo "127.1.$(($1 / 250)).$(($1 % 250 + 1))"; }
vs() { # VIP FIRST LAST KIND
    printf 'virtual_server %s 80 {\n    delay_loop 1\n    lvs_sched rr\n    lvs_method NAT\n    protocol TCP\n' "$1"
    i=$2
    while [ "$i" -lt "$3" ]; do
        printf '    real_server %s 80 {\n        weight 1\n' "$(rs "$i")"
        if [ "$4" = tcp ]; then
            printf '        TCP_CHECK {\n            connect_timeout 5\n        }\n'
        else
            printf '        HTTP_GET {\n            url {\n                path /\n                status_code 200\n            }\n            connect_timeout 5\n        }\n'
        fi
        printf '    }\n'
        i=$((i + 1))
    done
    printf '}\n'
}
vs 203.0.113.1 0 "$half" tcp
vs 203.0.113.2 "$half" "$n" http
