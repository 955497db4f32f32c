#!/usr/bin/env bash
# IPVS lane, daemon part: boots Debian's kernel (with ip_vs) under qemu through ../shared/reference/ipvs-lane.sh
# and runs the vigil daemon inside as a director, with real servers in namespaces of the guest
# (tools/ipvs-lane/daemon-checks.sh checks ipvsadm -Ln: schedulers, methods, weights, persistence, fwmark and
# group services, lvs_timeouts, a real server removed after a failed check and restored, the sorry server on
# quorum loss, the table removed at SIGTERM, --lvs-status). Prints the guest's "N passed, N failed".
#
#   sudo tools/ipvs-lane/daemon.sh      VIGIL_EXE=path/to/native/vigil (else dotnet publish src/Vigil first)
#   IPVSLANE_WORK=DIR                   qemu work/cache dir (default /tmp/vigil-ipvs-lane; keeps the kernel)
#
# Exit status: 0 all passed; 1 a check failed; 2 the guest never reported; 3 build or usage error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lane_script=${IPVS_LANE_SCRIPT:-$root/../shared/reference/ipvs-lane.sh}
work=${IPVSLANE_WORK:-/tmp/vigil-ipvs-lane}
[ -f "$lane_script" ] || { echo "ipvs-lane: $lane_script not found" >&2; echo "0 passed, 1 failed"; exit 3; }
[ "$(id -u)" = 0 ] || { echo "ipvs-lane: run as root" >&2; echo "0 passed, 1 failed"; exit 3; }
mkdir -p "$work"
exe=${VIGIL_EXE:-}
if [ -z "$exe" ]; then
  exe=$work/vigil/vigil
  dotnet publish "$root/src/Vigil" -c Release -nologo -clp:ErrorsOnly -o "$work/vigil" >/dev/null \
    || { echo "0 passed, 1 failed"; exit 3; }
fi
# The daemon loads OpenSSL lazily (SSL_GET); the guest has none, so bring the host's.
ssl=()
for lib in libssl.so.3 libcrypto.so.3; do
  p=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
  [ -n "$p" ] && ssl+=(--add "$p:$p")
done
t0=$(date +%s)
set +e
bash "$lane_script" --work "$work/qemu" --no-smoke --timeout 300 \
  --add "$exe:/opt/lane/vigil" --add "$here/daemon-checks.sh" "${ssl[@]}" \
  --cmd 'sh daemon-checks.sh ./vigil' > "$work/daemon-lane.log" 2>&1
rc=$?
set -e
grep -aE '^(PASS|FAIL) ' "$work/daemon-lane.log" || true
echo "ipvs-lane: daemon checks took $(( $(date +%s) - t0 )) s (qemu rc $rc; log $work/daemon-lane.log)" >&2
if ! grep -aE '^[0-9]+ passed, [0-9]+ failed' "$work/daemon-lane.log" | tail -1; then
  echo "0 passed, 1 failed"
  exit 2
fi
exit "$rc"
