#!/usr/bin/env bash
# Runs a command inside a fresh private network namespace that has only `lo` up, so SIP, RTP and
# ICE traffic of the real-peer tests never leaves loopback (SIP-TESTBED.md). The namespace is
# deleted on every exit path and the command's exit code is passed through.
# Needs root and iproute2's `ip netns` (CI runs as root).
set -uo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/inNetns.sh COMMAND [ARGS...]" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "inNetns.sh: needs root to create a network namespace (the SIP tests run as root in CI);" \
    "run as root, e.g. sudo -E npm run test:sip" >&2
  exit 1
fi
if ! command -v ip >/dev/null 2>&1 || ! ip netns list >/dev/null 2>&1; then
  echo "inNetns.sh: 'ip netns' is not available (install iproute2, and run where network namespaces are allowed)" >&2
  exit 1
fi

ns="sip-test-$$-$RANDOM"
cleanup() { ip netns delete "$ns" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! ip netns add "$ns"; then
  echo "inNetns.sh: could not create network namespace $ns" >&2
  exit 1
fi
ip netns exec "$ns" ip link set lo up || exit 1

ip netns exec "$ns" "$@"
status=$?
exit "$status"
