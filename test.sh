#!/usr/bin/env bash
# Runs Vigil's whole test suite on a fresh Debian machine that has the .NET SDK.
#   sudo ./test.sh              install what the tests need (apt), build, run every test tier
#   sudo ./test.sh --no-install skip the apt step
#   ./test.sh --filter EXPR     pass a dotnet test filter (e.g. FullyQualifiedName~Vrrp)
# Prints one final line "N passed, N failed, N skipped" computed from the TRX results and exits
# non-zero when any test failed or none ran. VIGIL_REQUIRE_ALL=1 (set by .ci/run) makes tests that
# lack root or a tool fail instead of skipping.
set -uo pipefail
cd "$(dirname "$0")"

install=1
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) install=0; shift ;;
    --filter) filter=(--filter "$2"); shift 2 ;;
    *) echo "usage: $0 [--no-install] [--filter EXPR]" >&2; exit 2 ;;
  esac
done

PACKAGES=(keepalived nftables iproute2 tcpdump iputils-ping ipvsadm kmod cpio xz-utils
          busybox-static qemu-system-x86 file procps psmisc openssl)

if [ "$install" = 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: not root; skipping apt-get (namespace tests will skip loudly)" >&2
  else
    missing=()
    for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "test.sh: installing ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || { echo "test.sh: apt-get install failed" >&2; exit 1; }
    fi
    # Debian starts keepalived on install; tests run their own instances in namespaces only.
    systemctl disable --now keepalived >/dev/null 2>&1 || true
  fi
fi

export VIGIL_RUN_ID=${VIGIL_RUN_ID:-vg$$}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=$(mktemp -d /tmp/vigil-test.XXXXXX)

cleanup() {
  # Remove only namespaces this run created (prefix VIGIL_RUN_ID), in case a test process crashed.
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${VIGIL_RUN_ID}-" || true); do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
}
trap cleanup EXIT

dotnet build Vigil.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
# The daemon tests run the native (NativeAOT) vigil that `dotnet publish` ships, unless VIGIL_EXE names another.
if [ -z "${VIGIL_EXE:-}" ]; then
  dotnet publish src/Vigil -c Release -nologo -clp:ErrorsOnly -o "$results/vigil" >/dev/null \
    || { echo "test.sh: dotnet publish src/Vigil failed" >&2; echo "0 passed, 1 failed"; exit 1; }
  export VIGIL_EXE="$results/vigil/vigil"
fi

dotnet test Vigil.slnx -c Release --no-build --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" --blame-hang-timeout 10m "${filter[@]}"
test_rc=$?

passed=0 failed=0 skipped=0 total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # xunit's TRX logger leaves notExecuted at 0 and counts a skipped test only in total - executed.
  t=$(get total) e=$(get executed) n=$(get notExecuted)
  s=$((t - e)); [ "$n" -gt "$s" ] && s=$n
  skipped=$((skipped + s))
  total=$((total + t))
done
# Skipped tests print their reason; list them so a skip is never silent.
grep -ho 'SKIPPED: [^<"]*' "$results"/*.trx 2>/dev/null | sort | uniq -c | sed 's/^/skip reason: /' || true

if [ "$total" = 0 ]; then failed=$((failed + 1)); echo "test.sh: no test results found" >&2; fi

# The IPVS lane (this kernel has no IPVS): the daemon in a qemu guest with Debian's kernel, checked with ipvsadm
# (about 15 s with a warm cache; the first run downloads the kernel). VIGIL_IPVS_LANE=0 skips it (one skip).
if [ "${VIGIL_IPVS_LANE:-1}" = 0 ]; then
  skipped=$((skipped + 1)); echo "skip reason: VIGIL_IPVS_LANE=0 (IPVS daemon lane)"
else
  lane_line=$(tools/ipvs-lane/daemon.sh | tee "$results/ipvs-lane.txt" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
  lane_line=${lane_line:-0 passed, 1 failed}
  echo "ipvs lane: $lane_line"
  passed=$((passed + ${lane_line%% passed*}))
  lane_failed=${lane_line#*passed, }
  failed=$((failed + ${lane_failed%% failed*}))
fi
if [ "$test_rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; echo "test.sh: dotnet test exited $test_rc" >&2; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
