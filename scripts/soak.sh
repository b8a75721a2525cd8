#!/usr/bin/env bash
# The soak test (off in ./test.sh): mixed traffic through a distributed node's gateway while Redis
# and the services' database are taken away in turn, then counts of what was answered, created,
# lost or doubled.
#
#   scripts/soak.sh                 # an hour, a dependency down for 15 s every 3 minutes
#   scripts/soak.sh 5 60            # 5 minutes, a fault every 60 s
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PLATFORM_SOAK_MINUTES=${1:-60}
export PLATFORM_SOAK_FAULT_EVERY=${2:-180}
export PLATFORM_SOAK_REPORT=${PLATFORM_SOAK_REPORT:-$ROOT/TestResults-soak/soak-report.txt}
export TEST_RESULTS_DIR=${TEST_RESULTS_DIR:-$ROOT/TestResults-soak}
# The test host must outlive the soak.
export TEST_HANG_TIMEOUT=${TEST_HANG_TIMEOUT:-$((PLATFORM_SOAK_MINUTES + 20))m}
rc=0
"$ROOT/test.sh" --filter "Category=Soak" || rc=$?
if [ -f "$PLATFORM_SOAK_REPORT" ]; then
  cat "$PLATFORM_SOAK_REPORT"
else
  echo "soak: no report written (see the test output above)"
fi
exit "$rc"
