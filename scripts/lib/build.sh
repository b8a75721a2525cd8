# Release builds of the node's hosts for scripts/stack.sh and scripts/hierarchy.sh, skipped when nothing they are
# built from changed since the last successful build. Even a build with nothing to do costs tens of CPU-seconds
# per project (restore, project graph, up-to-date checks): the test command, which has just built the whole
# solution, runs these scripts, and a developer runs `up` many times between changes.
#
# A successful build leaves a stamp: obj/release-build.stamp in the project, or .release-build.stamp at the
# repository's root when test.sh has built the whole solution in Release.
# shellcheck shell=bash

# True when some source under services/, shared/ or gateway/ (or a build file of the repo) is newer than the
# newer of the two stamps, or when there is no stamp.
release_build_stale() {
  local project_dir=$1 stamp="" candidate
  for candidate in "$ROOT/.release-build.stamp" "$project_dir/obj/release-build.stamp"; do
    if [ -f "$candidate" ] && { [ -z "$stamp" ] || [ "$candidate" -nt "$stamp" ]; }; then stamp=$candidate; fi
  done
  [ -n "$stamp" ] || return 0
  [ -f "$project_dir/bin/Release/net10.0/$(basename "$project_dir").dll" ] || return 0
  [ -n "$(find "$ROOT/services" "$ROOT/shared" "$ROOT/gateway" "$ROOT"/Directory.*.props "$ROOT/global.json" \
    \( -name bin -o -name obj -o -name data -o -name node_modules \) -prune -o \
    -type f -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# Builds the project (a folder of the repo) in Release unless its build is fresh; the build's output goes to
# $2, shown (last 30 lines) when it fails.
build_release() {
  local project_dir=$1 build_log=$2
  if ! release_build_stale "$project_dir"; then
    log "$(basename "$project_dir"): the Release build is newer than every source; not building again"
    return 0
  fi
  local started
  started=$(mktemp)
  dotnet build "$project_dir" -c Release -nologo -v q -nodeReuse:false >"$build_log" 2>&1 ||
    { rm -f "$started"; show_log "$build_log" 30 >&2; return 1; }
  # The stamp carries the time the build started: a file saved during the build makes the next one build again.
  mkdir -p "$project_dir/obj" && mv "$started" "$project_dir/obj/release-build.stamp"
}
