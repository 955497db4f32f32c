#!/usr/bin/env bash
# Checker benchmark, keepalived 2.2.7 and Vigil side by side, inside the IPVS lane: boots Debian's kernel (with
# ip_vs) under qemu through ../shared/reference/ipvs-lane.sh; in the guest one process serves 1,000 real servers
# (127.1.x.y:80, bench/checkers/Server) and each daemon in turn runs checker-only (-C) as the director on the
# same keepalived.conf (gen-conf.sh: 500 TCP_CHECK + 500 HTTP_GET, delay_loop 1); lane-guest.sh measures.
# Prints the guest's markdown table. Run as root from the repository root.
#
#   sudo bench/checkers/lane.sh
#   VIGIL_EXE=path/to/native/vigil   use this vigil (else dotnet publish src/Vigil first)
#   BENCH_WORK=DIR                   work dir (default /tmp/vigil-bench-lane; keeps the kernel and the builds)
#   BENCH_SMP=N BENCH_MEM=MB         guest vCPUs (default 2) and memory (default 1536)
#   BENCH_SERVERS=N BENCH_WARMUP=S BENCH_SECONDS=S BENCH_DAEMONS="keepalived vigil" BENCH_TIMEOUT=S (qemu, 900)
#
# Exit status: 0 table printed and every daemon had all real servers up; 1 a daemon failed; 2 the guest never
# reported a table; 3 build or usage error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lane_script=${IPVS_LANE_SCRIPT:-$root/../shared/reference/ipvs-lane.sh}
work=${BENCH_WORK:-/tmp/vigil-bench-lane}
servers=${BENCH_SERVERS:-1000}
[ -f "$lane_script" ] || { echo "bench-lane: $lane_script not found" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "bench-lane: run as root" >&2; exit 3; }
[ -x /usr/sbin/keepalived ] || { echo "bench-lane: /usr/sbin/keepalived not installed" >&2; exit 3; }
mkdir -p "$work"
work=$(realpath "$work")
exe=${VIGIL_EXE:-}
if [ -z "$exe" ]; then
  exe=$work/vigil/vigil
  echo "bench-lane: publishing vigil (NativeAOT)" >&2
  dotnet publish "$root/src/Vigil" -c Release -nologo -clp:ErrorsOnly -o "$work/vigil" >/dev/null || exit 3
fi
echo "bench-lane: publishing the real-server farm (NativeAOT)" >&2
dotnet publish "$here/Server" -c Release -nologo -clp:ErrorsOnly -o "$work/server" >/dev/null || exit 3
sh "$here/gen-conf.sh" "$servers" > "$work/bench.conf"
keepalived -t -f "$work/bench.conf" || { echo "bench-lane: keepalived -t rejects bench.conf" >&2; exit 3; }
"$exe" -t -f "$work/bench.conf" || { echo "bench-lane: vigil -t rejects bench.conf" >&2; exit 3; }
# HTTP in .NET loads OpenSSL lazily and keepalived links it; the guest has none, so bring the host's.
ssl=()
for lib in libssl.so.3 libcrypto.so.3; do
  p=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
  [ -n "$p" ] && ssl+=(--add "$p:$p")
done
share=$work/share
rm -rf "$share"; mkdir -p "$share"
envs=()
for v in BENCH_SERVERS BENCH_WARMUP BENCH_SECONDS BENCH_DAEMONS; do
  [ -n "${!v:-}" ] && envs+=(--env "$v=${!v}")
done
t0=$(date +%s)
set +e
bash "$lane_script" --work "$work/qemu" --no-smoke --timeout "${BENCH_TIMEOUT:-900}" \
  --smp "${BENCH_SMP:-2}" --mem "${BENCH_MEM:-1536}" --share "$share" \
  --add "$exe:/opt/lane/vigil" --add /usr/sbin/keepalived:/usr/sbin/keepalived \
  --add "$work/server/vigil-bench-server:/opt/lane/vigil-bench-server" \
  --add "$work/bench.conf:/opt/lane/bench.conf" --add "$here/lane-guest.sh:/opt/lane/lane-guest.sh" \
  "${ssl[@]}" "${envs[@]}" --env OUT=/mnt/share \
  --cmd 'sh lane-guest.sh' > "$work/lane.log" 2>&1
rc=$?
set -e
echo "bench-lane: took $(( $(date +%s) - t0 )) s (qemu rc $rc; console $work/lane.log; files $share)" >&2
grep -a 'BENCH' "$work/lane.log" | grep -av 'BENCH-TABLE' >&2 || true
if [ -s "$share/table.md" ]; then
  cat "$share/table.md"
elif grep -aq 'BENCH-TABLE-END' "$work/lane.log"; then
  tr -d '\r' < "$work/lane.log" | sed -n '/BENCH-TABLE-BEGIN/,/BENCH-TABLE-END/p' | sed '1d;$d'
else
  echo "bench-lane: the guest never reported a table" >&2
  exit 2
fi
exit "$rc"
