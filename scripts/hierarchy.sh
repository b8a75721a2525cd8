#!/usr/bin/env bash
# A three-level hierarchy on this machine: a province, one of its cities and one of that city's
# counties, each an embedded node (services/Platform.AllInOne built in Release, started by the path
# of its dll) with its own data folder, token key, federation certificate and loopback ports, joined
# as docs/federation.md "Joining two nodes" says (enrolment code, registration, approval) through
# each node's REST API with its operator's token.
#
#   scripts/hierarchy.sh up       # build, start the three nodes, join them; prints each node's URL and tokens
#   scripts/hierarchy.sh status   # each node, its /health and its links
#   scripts/hierarchy.sh down     # stop the nodes and delete the folder
#
# Everything lives in one folder, .hierarchy/ at the repository root (HIERARCHY_DIR to choose
# another): per node its data/, its token key, node.env (its settings), operator.token, url and log.
# Ports are free loopback ports, printed by `up` and `status`. No server is needed.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${HIERARCHY_DIR:-$ROOT/.hierarchy}
case $STATE in /*) ;; *) STATE=$PWD/$STATE ;; esac
# shellcheck source=scripts/lib/servers.sh
. "$ROOT/scripts/lib/servers.sh"
# shellcheck source=scripts/lib/build.sh
. "$ROOT/scripts/lib/build.sh"
use_script_defaults hierarchy.sh

DLL=$ROOT/services/Platform.AllInOne/bin/Release/net10.0/Platform.AllInOne.dll
NODES=(province city county)
declare -A ID=([province]=js-province [city]=nt-city [county]=cc-county)
declare -A LEVEL=([province]=Province [city]=City [county]=County)
declare -A REGION=([province]=320000 [city]=320600 [county]=320602)
declare -A NAME=(
  [province]=江苏省委全面依法治省委员会办公室
  [city]=南通市委全面依法治市委员会办公室
  [county]=崇川区委全面依法治区委员会办公室
)
declare -A PARENT=([city]=province [county]=city)

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true; }

# One JSON string field of a compact JSON object: json_field NAME < json.
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }

# The node's settings, written to <node>/node.env by `up` (source it to run its dll, e.g. mint-token).
node_env() { # node http grpc federation
  local n=$1 dir=$STATE/$1
  echo "export ASPNETCORE_ENVIRONMENT=Production"
  echo "export Node__Id=${ID[$n]} Node__Level=${LEVEL[$n]} Node__RegionCode=${REGION[$n]} Node__Name='${NAME[$n]}'"
  echo "export Database__DataDirectory='$dir/data' Files__Directory='$dir/data/files'"
  echo "export Auth__SigningKeyFile='$dir/token-signing.key'"
  echo "export Kestrel__Endpoints__Http__Url=http://127.0.0.1:$2 Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$3"
  echo "export Federation__ListenUrl=https://127.0.0.1:$4 Federation__PublicAddress=https://127.0.0.1:$4"
}

url() { cat "$STATE/$1/url"; }

start_node() { # node
  local n=$1
  # From /: the node finds its appsettings.json beside its dll. The process records its own pid,
  # which is also the process group `down` stops; exec keeps no shell holding the caller's stdout.
  (cd / && . "$STATE/$n/node.env" && exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$STATE/$n/pid" \
    dotnet "$DLL" </dev/null >"$STATE/$n/node.log" 2>&1 &)
  local i
  for ((i = 0; i < 50; i++)); do [ -s "$STATE/$n/pid" ] && break; sleep 0.1; done
}

wait_healthy() { # node
  local n=$1 deadline=$((SECONDS + 180))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(http_status "$(url "$n")/health")" = 200 ] && return 0
    if ! alive "$(cat "$STATE/$n/pid")"; then
      warn "${ID[$n]} exited"; show_log "$STATE/$n/node.log" 20 >&2; return 1
    fi
    sleep 1
  done
  warn "${ID[$n]} is not healthy after 180 s"; show_log "$STATE/$n/node.log" 20 >&2
  return 1
}

api() { # node method path [json]
  local n=$1 method=$2 path=$3 body=${4:-}
  local args=(-sS --fail-with-body --max-time 30 -X "$method" "$(url "$n")$path"
    -H "authorization: Bearer $(cat "$STATE/$n/operator.token")")
  [ -n "$body" ] && args+=(-H 'content-type: application/json' -d "$body")
  curl "${args[@]}"
}

# The one link object of `GET links` whose peer is $2 (links hold no nested objects).
link_with() { # node peer-id
  api "$1" GET /api/federation/v1/links | grep -o '{[^{}]*}' | grep "\"peerNodeId\":\"$2\"" | head -n 1
}

join() { # child
  local child=$1 parent=${PARENT[$1]} code answer link_id i
  answer=$(api "$parent" POST /api/federation/v1/enrolment-codes "{\"childRegionCode\":\"${REGION[$child]}\"}")
  code=$(json_field code <<<"$answer")
  local thumbprint
  thumbprint=$(json_field parentCertificateThumbprint <<<"$answer")
  api "$child" POST /api/federation/v1/parent:register \
    "{\"parentAddress\":\"$(cat "$STATE/$parent/federation")\",\"enrolmentCode\":\"$code\",\"parentCertificateThumbprint\":\"$thumbprint\"}" >/dev/null
  link_id=$(link_with "$parent" "${ID[$child]}" | json_field linkId)
  api "$parent" POST "/api/federation/v1/links/$link_id:approve" '{}' >/dev/null
  # The child collects its certificate on its next round (Federation:PollInterval, 2 s).
  for ((i = 0; i < 60; i++)); do
    link_with "$child" "${ID[$parent]}" | grep -q '"state":"active"' && { log "${ID[$child]} joined ${ID[$parent]}"; return 0; }
    sleep 1
  done
  warn "${ID[$child]}'s link to ${ID[$parent]} is not active after 60 s"
  return 1
}

print_nodes() {
  local n
  for n in "${NODES[@]}"; do
    printf '%-8s %-12s %s %s  REST/health %s  gRPC %s  federation %s\n' "$n" "${ID[$n]}" "${REGION[$n]}" "${NAME[$n]}" \
      "$(url "$n")" "$(cat "$STATE/$n/grpc")" "$(cat "$STATE/$n/federation")"
  done
  echo "folder: $STATE   (per node: data/, node.env, operator.token, url, node.log)"
  echo "operator token: TOKEN=\$(cat $STATE/<node>/operator.token)   e.g. curl \"\$(cat $STATE/city/url)/api/federation/v1/links\" -H \"authorization: Bearer \$TOKEN\""
  echo "other users:    (. $STATE/<node>/node.env && dotnet $DLL mint-token --user clerk1 --name 王科员 --role office_staff)"
}

stop_nodes() {
  local n
  for n in "${NODES[@]}"; do
    [ -f "$STATE/$n/pid" ] || continue
    kill_group "$(cat "$STATE/$n/pid")"
    rm -f "$STATE/$n/pid"
  done
}

up() {
  if [ -f "$STATE/up" ]; then
    echo "hierarchy.sh: a hierarchy is already up ($STATE); run 'scripts/hierarchy.sh down' first" >&2
    exit 2
  fi
  trap 'warn "up failed; stopping what was started"; stop_nodes; rm -rf "$STATE"' ERR
  mkdir -p "$STATE"
  log "building the embedded node (Release)"
  build_release "$ROOT/services/Platform.AllInOne" "$STATE/build.log"
  local n ports i=0
  read -r -a ports <<<"$(free_ports 9)"
  for n in "${NODES[@]}"; do
    mkdir -p "$STATE/$n/data"
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STATE/$n/token-signing.key")
    node_env "$n" "${ports[$i]}" "${ports[$((i + 1))]}" "${ports[$((i + 2))]}" >"$STATE/$n/node.env"
    echo "http://127.0.0.1:${ports[$i]}" >"$STATE/$n/url"
    echo "127.0.0.1:${ports[$((i + 1))]}" >"$STATE/$n/grpc"
    echo "https://127.0.0.1:${ports[$((i + 2))]}" >"$STATE/$n/federation"
    i=$((i + 3))
    start_node "$n"
  done
  for n in "${NODES[@]}"; do
    wait_healthy "$n"
    log "${ID[$n]} is healthy"
    (cd / && . "$STATE/$n/node.env" && dotnet "$DLL" mint-token --user operator --name 节点运维 --role node_operator \
      >"$STATE/$n/operator.token" 2>"$STATE/$n/mint-token.log") || { show_log "$STATE/$n/mint-token.log" >&2; false; }
    chmod 600 "$STATE/$n/operator.token"
  done
  join city
  join county
  touch "$STATE/up"
  trap - ERR
  print_nodes
}

down() {
  [ -d "$STATE" ] || { echo "hierarchy.sh: no hierarchy is up" >&2; return 0; }
  stop_nodes
  rm -rf "$STATE"
  log "stopped"
}

status() {
  [ -f "$STATE/up" ] || { echo "down"; return 3; }
  local n state code rc=0 links
  for n in "${NODES[@]}"; do
    state=stopped
    [ -f "$STATE/$n/pid" ] && alive "$(cat "$STATE/$n/pid")" && state=running
    code=$(http_status "$(url "$n")/health")
    links=""
    if [ "$code" = 200 ]; then
      links=$(api "$n" GET /api/federation/v1/links | grep -o '{[^{}]*}' | while read -r link; do
        # ListLinks in JSON leaves out a zero backlog.
        printf '%s %s %s backlog %s; ' "$(json_field role <<<"$link")" "$(json_field peerNodeId <<<"$link")" \
          "$(json_field state <<<"$link")" "$(sed -n 's/.*"backlog":\([0-9]*\).*/\1/p' <<<"$link" | grep . || echo 0)"
      done)
    fi
    printf '%-8s %-12s %-8s /health %s  links: %s\n' "$n" "${ID[$n]}" "$state" "${code:-none}" "${links:-none}"
    [ "$code" = 200 ] || rc=1
  done
  print_nodes
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/hierarchy.sh up|down|status" >&2; exit 2 ;;
esac
