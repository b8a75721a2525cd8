#!/usr/bin/env bash
# Runs the whole test suite: starts private PostgreSQL, RabbitMQ and Redis instances on free
# loopback ports (installing the servers, and chromium for the console's browser tests, with apt
# when missing), builds Platform.sln in Release,
# runs `dotnet test` and prints "N passed, N failed, N skipped" as the very last line.
#
#   ./test.sh                                   # everything
#   ./test.sh --filter "FullyQualifiedName~Planning"   # extra args go to `dotnet test`
#   scripts/soak.sh                             # the soak test (Category=Soak), left out otherwise
#   ./test.sh --filter "Category=Scale"         # the province-size tests (minutes each), left out otherwise
#
# Exported for the tests (left unset when a server is unavailable and CI is not "true"):
#   PLATFORM_TEST_POSTGRES  Host=127.0.0.1;Port=P;Username=postgres;Password=postgres  (superuser)
#   PLATFORM_TEST_RABBITMQ  amqp://guest:guest@127.0.0.1:P/
#   PLATFORM_TEST_REDIS     127.0.0.1:P
#
# Optional environment: CI=true makes a missing server fatal; TEST_RESULTS_DIR overrides where
# the .trx files go (default: TestResults/ at the repo root, emptied first); TEST_HANG_TIMEOUT
# (default 20m) stops a test host whose test runs longer than that.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes may outlive the script (they would keep a CI log pipe open).
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER=1

IS_CI=false
case "${CI:-}" in true | TRUE | True | 1) IS_CI=true ;; esac

RESULTS_DIR=${TEST_RESULTS_DIR:-$ROOT/TestResults}
case "$RESULTS_DIR" in /*) ;; *) RESULTS_DIR=$ROOT/$RESULTS_DIR ;; esac
RESULTS_DIR=${RESULTS_DIR%/}
if [ -z "$RESULTS_DIR" ] || [ "$RESULTS_DIR" = "$ROOT" ] || [ "$RESULTS_DIR" = "${HOME:-/}" ]; then
  echo "test.sh: refusing to use '${TEST_RESULTS_DIR:-}' as the (emptied) results directory" >&2
  exit 2
fi
START_TIME=$SECONDS

log() { printf '[test.sh %4ss] %s\n' "$((SECONDS - START_TIME))" "$*"; }
warn() { printf '[test.sh %4ss] WARNING: %s\n' "$((SECONDS - START_TIME))" "$*"; }

# Prints the summary line (always the last line of output) and exits.
finish() {
  local code=$1 summary=$2
  stop_servers
  if [ "$code" -eq 0 ]; then log "result: SUCCESS"; else log "result: FAILURE (exit $code)"; fi
  printf '%s\n' "$summary"
  exit "$code"
}

# The private servers: install, start, stop (shared with scripts/stack.sh).
# shellcheck source=scripts/lib/servers.sh
. "$ROOT/scripts/lib/servers.sh"

# Long-running commands (dotnet) run in their own process group in the background, so that a
# signal reaches our trap at once and the whole tree (MSBuild nodes, test hosts) can be stopped.
CHILD_PGID=""
run_child() {
  setsid "$@" </dev/null &
  CHILD_PGID=$!
  local rc=0
  wait "$CHILD_PGID" || rc=$?
  CHILD_PGID=""
  return "$rc"
}

# shellcheck disable=SC2317 # trap handlers
on_exit() {
  local code=$?
  stop_servers
  exit "$code"
}
# shellcheck disable=SC2317
on_signal() {
  trap '' INT TERM
  warn "interrupted; cleaning up"
  if [ -n "$CHILD_PGID" ]; then kill_group "$CHILD_PGID"; fi
  exit "$1"
}
trap on_exit EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

# ----------------------------------------------------------------------------------------------
# 3. TRX summary
# ----------------------------------------------------------------------------------------------
# Prints failed tests, then "N passed, N failed, N skipped" as its last line.
summarise() {
  python3 - "$RESULTS_DIR" <<'PY'
import glob, os, re, sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
results_dir = sys.argv[1]
passed = failed = skipped = 0
failures = []  # (name, note, message, stack)
seen = set()
aborted = []  # (assembly, [run error texts])
durations = {}  # test class -> seconds
files = sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True))
for path in files:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        failed += 1
        failures.append((os.path.basename(path), "unreadable result file", str(e), ""))
        continue
    for r in root.iterfind(".//t:Results/t:UnitTestResult", ns):
        name, outcome = r.get("testName", "?"), r.get("outcome", "")
        seen.add(name)
        hours, minutes, secs = (r.get("duration") or "0:0:0").split(":")
        owner = name.split("(")[0].rsplit(".", 1)[0]
        durations[owner] = durations.get(owner, 0.0) + int(hours) * 3600 + int(minutes) * 60 + float(secs)
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending", "Disconnected", "Warning"):
            skipped += 1
        else:
            failed += 1
            msg = r.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns) or ""
            stack = r.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=ns) or ""
            failures.append((name, "" if outcome == "Failed" else outcome, msg.strip(), stack.strip()))
    # xunit also reports each failed test as a run error ("[xUnit.net 00:20:44.80]  Name [FAIL]"): that test is
    # counted above already, so only other texts (a crashed or hanging test host) make an aborted run.
    errors = [text for text in (ri.findtext("t:Text", default="", namespaces=ns) or ""
                                for ri in root.iterfind(".//t:ResultSummary/t:RunInfos/t:RunInfo", ns)
                                if ri.get("outcome") == "Error")
              if not re.fullmatch(r"\s*(\[xUnit\.net [^\]]*\]\s+\S.*\[FAIL\]\s*)+", text)]
    if errors:
        method = root.find(".//t:TestDefinitions/t:UnitTest/t:TestMethod", ns)
        assembly = os.path.basename(method.get("codeBase", "")) if method is not None else ""
        aborted.append((assembly or os.path.basename(path), errors))

# A test host that crashed or was stopped for hanging: the blame collector's sequence files name
# the tests that never completed; count them (or else the aborted run itself) as failures.
unfinished = {}
for seq in glob.glob(os.path.join(results_dir, "**", "Sequence_*.xml"), recursive=True):
    try:
        for t in ET.parse(seq).getroot().iter("Test"):
            name, src = t.get("Name"), os.path.basename(t.get("Source", ""))
            if t.get("Completed") == "False" and name not in seen:
                # the same sequence file may be stored twice (run folder and trx attachments)
                if name not in unfinished.setdefault(src, []):
                    unfinished[src].append(name)
    except ET.ParseError:
        pass
for assembly, errors in aborted:
    names = unfinished.pop(assembly, [])
    for n in names:
        failed += 1
        failures.append((n, "hung or crashed the test host", "\n".join(errors), ""))
    if not names:
        failed += 1
        failures.append((f"test run of {assembly}", "aborted", "\n".join(errors), ""))
for src, names in unfinished.items():
    for n in names:
        failed += 1
        failures.append((n, "did not complete", "", ""))

# Where the time went: the test classes whose tests took longest, summed (tests of different classes overlap).
if durations:
    print("Slowest test classes (seconds, summed over their tests):")
    for name, seconds in sorted(durations.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {seconds:7.1f}  {name}")

if failures:
    print()
    print(f"Failed tests ({len(failures)}):")
    for name, note, msg, stack in failures:
        print(f"  FAILED {name}" + (f" [{note}]" if note else ""))
        lines = msg.splitlines()
        for line in lines[:8]:
            print(f"      {line}")
        if len(lines) > 8:
            print("      ...")
        for line in stack.splitlines()[:3]:
            print(f"      {line.strip()}")
    print()
print(f"{len(files)} result file(s) in {results_dir}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

# ----------------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------------
log "repo: $ROOT; CI=$IS_CI; $(nproc 2>/dev/null || echo '?') CPU(s); .NET SDK $(dotnet --version 2>/dev/null || echo '?')"
INFRA=$(mktemp -d /tmp/platform-test.XXXXXX) # /tmp: short socket paths, reachable by postgres
chmod 711 "$INFRA" # the postgres OS user must reach its data dir inside

# The console's browser tests (Playwright) drive /usr/bin/chromium; Playwright's own browser download is not used.
NEED_BROWSER=true
install_packages
if ! command -v python3 >/dev/null; then
  warn "python3 is required (port selection and result parsing) but missing"
  finish 1 "0 passed, 0 failed, 0 skipped"
fi

log "starting test servers (data under $INFRA)"
start_postgres || true
start_rabbitmq || true
start_redis || true

SERVER_FAILED=false
for s in postgres rabbitmq redis; do
  if [ -n "${UNAVAILABLE[$s]:-}" ]; then
    warn "$s unavailable: ${UNAVAILABLE[$s]}"
    SERVER_FAILED=true
  fi
done
if [ "$SERVER_FAILED" = true ]; then
  if [ "$IS_CI" = true ]; then
    warn "CI=true: every test server is required; aborting"
    finish 1 "0 passed, 0 failed, 0 skipped"
  fi
  warn "continuing without the unavailable server(s); tests needing them decide for themselves"
fi
log "PLATFORM_TEST_POSTGRES=${PLATFORM_TEST_POSTGRES:-<unset>}"
log "PLATFORM_TEST_RABBITMQ=${PLATFORM_TEST_RABBITMQ:-<unset>}"
log "PLATFORM_TEST_REDIS=${PLATFORM_TEST_REDIS:-<unset>}"

log "dotnet tool restore"
if ! run_child dotnet tool restore; then
  warn "dotnet tool restore failed"
  finish 1 "0 passed, 0 failed, 0 skipped"
fi

log "dotnet build Platform.sln -c Release"
BUILD_STARTED=$(mktemp)
if ! run_child dotnet build Platform.sln -c Release -nologo -nodeReuse:false; then
  rm -f "$BUILD_STARTED"
  warn "dotnet build failed"
  finish 1 "0 passed, 0 failed, 0 skipped"
fi
# The whole solution is built: scripts/stack.sh and scripts/hierarchy.sh (run by tests) need not build again
# (scripts/lib/build.sh); the stamp carries the build's start time.
mv "$BUILD_STARTED" "$ROOT/.release-build.stamp"

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
# The soak test (an hour; scripts/soak.sh) runs only when a filter names it.
TEST_ARGS=("$@")
HAS_FILTER=false
for a in "$@"; do case "$a" in --filter | --filter=*) HAS_FILTER=true ;; esac; done
if [ "$HAS_FILTER" = false ]; then TEST_ARGS+=(--filter "Category!=Soak&Category!=Scale"); fi
log "dotnet test Platform.sln -c Release --no-build ${TEST_ARGS[*]}"
TEST_RC=0
# How busy the machine's CPUs were while the tests ran (from /proc/stat): tells a suite that waits from one
# that is short of CPU.
CPU_BEFORE=$(head -n 1 /proc/stat 2>/dev/null || true)
TEST_STARTED=$SECONDS
# A test that hangs for TEST_HANG_TIMEOUT is reported (by name) and its test host stopped.
run_child dotnet test Platform.sln -c Release --no-build -nologo \
  --logger "trx;LogFilePrefix=results" \
  --results-directory "$RESULTS_DIR" \
  --blame-hang-timeout "${TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none \
  "${TEST_ARGS[@]}" || TEST_RC=$?
log "dotnet test exited with $TEST_RC"
if [ -n "$CPU_BEFORE" ]; then
  log "test phase: $((SECONDS - TEST_STARTED)) s, CPUs busy $(awk -v before="$CPU_BEFORE" 'NR == 1 {
    split(before, b); busy = 0; total = 0
    for (i = 2; i <= NF; i++) { d = $i - b[i]; total += d; if (i != 5 && i != 6) busy += d }
    printf "%.0f%%", total ? 100 * busy / total : 0 }' /proc/stat) of $(nproc) (user, system, steal; not idle or I/O wait)"
fi

SUMMARY_OUT=$(summarise) || SUMMARY_OUT="0 passed, 1 failed, 0 skipped"
SUMMARY=$(printf '%s\n' "$SUMMARY_OUT" | tail -n 1)
printf '%s\n' "$SUMMARY_OUT" | sed '$d'

CODE=0
if [[ "$SUMMARY" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
  N_PASSED=${BASH_REMATCH[1]} N_FAILED=${BASH_REMATCH[2]}
else
  warn "could not summarise the .trx files"
  SUMMARY="0 passed, 1 failed, 0 skipped" N_PASSED=0 N_FAILED=1
fi
if [ "$TEST_RC" -ne 0 ]; then CODE=1; fi
if [ "$N_FAILED" -ne 0 ]; then CODE=1; fi
if [ "$N_PASSED" -eq 0 ]; then
  warn "no test passed"
  CODE=1
fi
finish "$CODE" "$SUMMARY"
