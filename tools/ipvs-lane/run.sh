#!/usr/bin/env bash
# IPVS lane: proves the IPVS data plane against a real kernel. This machine's kernel has no IPVS, so
# boot Debian's stock kernel (which has ip_vs) under qemu (TCG) from a throwaway initramfs, using the
# shared lane script (../shared/reference/ipvs-lane.sh, see ipvs-lane.md), and run the self-contained
# test driver test/Vigil.IpvsLane inside it. The driver programs IPVS through IpvsClient/IpvsBackend and
# checks the table with ipvsadm -Ln; it prints "N passed, N failed".
#
#   sudo tools/ipvs-lane/run.sh            build, boot, run; exit 0 only when every check passed
#   IPVSLANE_WORK=DIR                      qemu work/cache dir (default /tmp/vigil-ipvs-lane; keeps the kernel)
#   IPVS_LANE_SCRIPT=PATH                  another copy of ipvs-lane.sh
#
# Exit status: 0 all passed; 1 a check failed; 2 the guest never reported (boot failure, timeout);
# 3 build or usage error. Needs root (apt-get for qemu and friends, cpio ownership) and the Debian mirror.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lane_script=${IPVS_LANE_SCRIPT:-$root/../shared/reference/ipvs-lane.sh}
work=${IPVSLANE_WORK:-/tmp/vigil-ipvs-lane}
out=$work/driver

[ -f "$lane_script" ] || { echo "ipvs-lane: $lane_script not found" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "ipvs-lane: run as root" >&2; exit 3; }
mkdir -p "$work"

t0=$(date +%s)
echo "ipvs-lane: publishing test/Vigil.IpvsLane (self-contained, single file)"
rm -rf "$out"
if ! dotnet publish "$root/test/Vigil.IpvsLane/Vigil.IpvsLane.csproj" -c Release -r linux-x64 --self-contained \
     -p:PublishSingleFile=true -p:PublishTrimmed=true -p:DebugType=none \
     -o "$out" -nologo -v:q -clp:ErrorsOnly >"$work/publish.log" 2>&1; then
  cat "$work/publish.log" >&2
  echo "0 passed, 1 failed"
  exit 3
fi
t1=$(date +%s)

set +e
bash "$lane_script" --work "$work/qemu" --no-smoke --timeout 300 \
  --add "$out/vigil-ipvs-lane" --cmd 'vigil-ipvs-lane' | tee "$work/lane.log"
rc=${PIPESTATUS[0]}
set -e
t2=$(date +%s)
echo "ipvs-lane: publish $((t1 - t0)) s, boot and checks $((t2 - t1)) s, exit $rc"
if ! grep -aqE '^[0-9]+ passed, [0-9]+ failed' "$work/lane.log"; then
  echo "0 passed, 1 failed"   # the driver never reported: count the lane itself as one failure
fi
exit "$rc"
