#!/usr/bin/env bash
# The benchmarks (issue 18, ADR 0020): builds the embedded node and the harness in Release, runs the
# standard scenarios and writes docs/benchmarks.md (its generated part) and docs/benchmarks.json.
#
#   scripts/benchmarks.sh                  # full size: issue 18's province, 64 liaisons for 30 s
#   scripts/benchmarks.sh --quick          # a smaller data set and short runs: under 5 minutes on 2 cores
#   scripts/benchmarks.sh --distributed    # also the gateway and deadline day on the local distributed
#                                          # stack (the harness starts scripts/stack.sh up for that scenario
#                                          # unless one is up, and stops what it started)
#
# Other arguments go to the harness (e.g. --scenarios reads,startup --units 500); see
# `dotnet benchmarks/Platform.Benchmarks/bin/Release/net10.0/Platform.Benchmarks.dll --help`.
# Each node the harness starts lives in a fresh folder under $BENCHMARKS_WORK (default a temp folder).
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

log() { printf '[benchmarks] %s\n' "$*"; }

log "building the embedded node and the harness (Release)"
dotnet build services/Platform.AllInOne -c Release -nologo -v q -nodeReuse:false
dotnet build benchmarks/Platform.Benchmarks -c Release -nologo -v q -nodeReuse:false

# With --distributed the harness starts scripts/stack.sh's stack for its gateway scenario only (unless
# one is up already) and stops it after, so the embedded scenarios have the machine to themselves.
cleanup() {
  [ -n "${work:-}" ] && [ -z "${BENCHMARKS_WORK:-}" ] && rm -rf "$work"
}
trap cleanup EXIT

work=${BENCHMARKS_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/platform-benchmarks.XXXXXX")}
rc=0
dotnet benchmarks/Platform.Benchmarks/bin/Release/net10.0/Platform.Benchmarks.dll \
  --repo "$ROOT" --work "$work" "$@" || rc=$?
log "docs/benchmarks.md and docs/benchmarks.json written (harness exit code $rc)"
exit "$rc"
