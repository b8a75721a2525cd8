#!/usr/bin/env bash
# A distributed node on this machine: private PostgreSQL, RabbitMQ and Redis (as the test
# command starts them), the five services and the gateway built in Release and started by the
# paths of their dlls, and an operator token minted with the node's key.
#
#   scripts/stack.sh up       # start everything; prints the addresses and where the token is
#   scripts/stack.sh status   # each process and its /health
#   scripts/stack.sh restart NAME   # stop and start one process (a service or the gateway)
#   scripts/stack.sh down     # stop everything and delete the stack's data
#
# State (logs, keys, the token, the servers' pids) lives in .stack/ at the repository root.
# Ports: the documented defaults (gateway 5080/5081, services 5101…5142) when free; otherwise,
# or with STACK_FREE_PORTS=1, free loopback ports, printed by `up` and `status`.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=$ROOT/.stack
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
# shellcheck source=scripts/lib/servers.sh
. "$ROOT/scripts/lib/servers.sh"
# shellcheck source=scripts/lib/build.sh
. "$ROOT/scripts/lib/build.sh"
use_script_defaults stack.sh

SERVICES=(planning inspection rectification assessment notification)
declare -A PROJECT=(
  [planning]=services/Planning/Platform.Planning.Api
  [inspection]=services/Inspection/Platform.Inspection.Api
  [rectification]=services/Rectification/Platform.Rectification.Api
  [assessment]=services/Assessment/Platform.Assessment.Api
  [notification]=services/Notification/Platform.Notification.Api
  [gateway]=gateway/Platform.Gateway
)
declare -A DEFAULT_PORTS=(
  [gateway]="5080 5081" [planning]="5101 5102" [inspection]="5111 5112"
  [rectification]="5121 5122" [assessment]="5131 5132" [notification]="5141 5142"
)

dll() { echo "$ROOT/${PROJECT[$1]}/bin/Release/net10.0/$(basename "${PROJECT[$1]}").dll"; }

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true; }

# The settings every process of the node shares (written to .stack/node.env by `up`).
node_env() {
  local pg=$PLATFORM_TEST_POSTGRES s
  echo "export ASPNETCORE_ENVIRONMENT=Production"
  echo "export Node__Id=local-stack"
  echo "export Database__Provider=Postgres Messaging__Transport=RabbitMq"
  for s in "${SERVICES[@]}"; do echo "export ConnectionStrings__${s}db='$pg;Database=$s'"; done
  echo "export ConnectionStrings__eventbus='$PLATFORM_TEST_RABBITMQ' ConnectionStrings__redis='$PLATFORM_TEST_REDIS'"
  echo "export Auth__SigningKeyFile='$STATE/keys/token-signing.key'"
  echo "export Audit__CheckpointKeyFile='$STATE/keys/audit-checkpoint.pem' Audit__CreateKeyFileIfMissing=true"
  # The key every service MACs its audit entries with and the gateway's sealer checks them by (the chart's
  # audit.entryKeySecret): without it the gateway derived one from the checkpoint key that no service used
  # and refused every store. Read from its file when node.env is sourced, so the key is in no other file.
  echo "export Audit__EntryKey=\"\$(cat '$STATE/keys/audit-entry.key')\""
  echo "export Files__Directory='$STATE/files'"
}

ports_of() { # name -> "http grpc"
  local var="PORTS_$1"
  echo "${!var}"
}

start_process() { # name
  local name=$1 http grpc s
  read -r http grpc <<<"$(ports_of "$name")"
  local env=(
    "Kestrel__Endpoints__Http__Url=http://127.0.0.1:$http"
    "Kestrel__Endpoints__Grpc__Url=http://127.0.0.1:$grpc"
  )
  if [ "$name" = gateway ]; then
    for s in "${SERVICES[@]}"; do
      local sh sg
      read -r sh sg <<<"$(ports_of "$s")"
      env+=("ReverseProxy__Clusters__$s-http__Destinations__primary__Address=http://127.0.0.1:$sh")
      env+=("ReverseProxy__Clusters__$s-grpc__Destinations__primary__Address=http://127.0.0.1:$sg")
    done
  fi
  # From /: each process finds its appsettings.json beside its dll, wherever it is started.
  # The process records its own pid: setsid forks when started as a group leader, so $! could
  # name a parent that has already exited. The pid is also the process group `down` stops.
  # Appended: after `restart` the log still holds why the previous run was restarted.
  # exec: the background list's own shell would otherwise stay, holding the caller's stdout open.
  (cd / && exec setsid bash -c 'echo $$ >"$1"; shift; exec env "$@"' _ "$STATE/pids/$name" \
    "${env[@]}" dotnet "$(dll "$name")" </dev/null >>"$STATE/logs/$name.log" 2>&1 &)
  local i
  for ((i = 0; i < 50; i++)); do [ -s "$STATE/pids/$name" ] && break; sleep 0.1; done
}

wait_healthy() { # name
  local name=$1 http deadline=$((SECONDS + 180))
  read -r http _ <<<"$(ports_of "$name")"
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(http_status "http://127.0.0.1:$http/health")" = 200 ] && return 0
    if ! alive "$(cat "$STATE/pids/$name")"; then
      warn "$name exited"; show_log "$STATE/logs/$name.log" 20 >&2; return 1
    fi
    sleep 1
  done
  warn "$name is not healthy after 180 s"; show_log "$STATE/logs/$name.log" 20 >&2
  return 1
}

save_state() {
  {
    printf 'INFRA=%q\nPG_BIN=%q\nPG_DATA=%q\n' "$INFRA" "$PG_BIN" "$PG_DATA"
    printf 'RABBIT_PGID=%q\nRABBIT_PID_FILE=%q\nRABBIT_NODE=%q\nEPMD_PGID=%q\nRABBITMQCTL=%q\n' \
      "$RABBIT_PGID" "$RABBIT_PID_FILE" "$RABBIT_NODE" "$EPMD_PGID" "${RABBITMQCTL:-}"
    printf 'RABBIT_ENV=(%s)\n' "$(printf '%q ' "${RABBIT_ENV[@]}")"
    printf 'REDIS_PORT=%q\nREDIS_PID_FILE=%q\n' "$REDIS_PORT" "$REDIS_PID_FILE"
    local n
    for n in gateway "${SERVICES[@]}"; do printf 'PORTS_%s=%q\n' "$n" "$(ports_of "$n")"; done
    printf 'export PLATFORM_TEST_POSTGRES=%q PLATFORM_TEST_RABBITMQ=%q PLATFORM_TEST_REDIS=%q\n' \
      "$PLATFORM_TEST_POSTGRES" "$PLATFORM_TEST_RABBITMQ" "$PLATFORM_TEST_REDIS"
  } >"$STATE/servers.env"
}

choose_ports() {
  local n busy=false p
  for n in gateway "${SERVICES[@]}"; do
    for p in ${DEFAULT_PORTS[$n]}; do port_open "$p" && busy=true; done
  done
  if [ "$busy" = true ] || [ "${STACK_FREE_PORTS:-}" = 1 ]; then
    [ "$busy" = true ] && log "a default port is in use: taking free loopback ports"
    local free
    read -r -a free <<<"$(free_ports 12)"
    local i=0
    for n in gateway "${SERVICES[@]}"; do
      printf -v "PORTS_$n" '%s %s' "${free[$i]}" "${free[$((i + 1))]}"
      i=$((i + 2))
    done
  else
    for n in gateway "${SERVICES[@]}"; do printf -v "PORTS_$n" '%s' "${DEFAULT_PORTS[$n]}"; done
  fi
}

print_addresses() {
  local gh gg
  read -r gh gg <<<"$(ports_of gateway)"
  echo "gateway:   http://127.0.0.1:$gh (REST, /health)   127.0.0.1:$gg (gRPC)"
  local s h g
  for s in "${SERVICES[@]}"; do
    read -r h g <<<"$(ports_of "$s")"
    printf '%-14s http://127.0.0.1:%s   127.0.0.1:%s (gRPC)\n' "$s:" "$h" "$g"
  done
  echo "postgres:  $PLATFORM_TEST_POSTGRES"
  echo "rabbitmq:  $PLATFORM_TEST_RABBITMQ"
  echo "redis:     $PLATFORM_TEST_REDIS"
  echo "operator token: $STATE/operator.token   (TOKEN=\$(cat .stack/operator.token))"
  echo "gateway URL:    $STATE/gateway          (GATEWAY=\$(cat .stack/gateway))"
  echo "node settings:  $STATE/node.env          (. .stack/node.env; then dotnet <dll> mint-token ...)"
  echo "logs:           $STATE/logs/"
}

stop_processes() {
  local n pid
  for n in gateway "${SERVICES[@]}"; do
    [ -f "$STATE/pids/$n" ] || continue
    pid=$(cat "$STATE/pids/$n")
    kill_group "$pid"
    rm -f "$STATE/pids/$n"
  done
}

up() {
  if [ -f "$STATE/servers.env" ]; then
    echo "stack.sh: a stack is already up (.stack/servers.env); run 'scripts/stack.sh down' first" >&2
    exit 2
  fi
  mkdir -p "$STATE/logs" "$STATE/pids" "$STATE/keys" "$STATE/files"
  INFRA=$(mktemp -d /tmp/platform-stack.XXXXXX)
  chmod 711 "$INFRA"
  # A failure half-way stops what was started.
  trap 'warn "up failed; stopping what was started"; stop_processes; stop_servers; rm -rf "$STATE"' ERR
  install_packages
  start_postgres && start_rabbitmq && start_redis || {
    for s in postgres rabbitmq redis; do [ -n "${UNAVAILABLE[$s]:-}" ] && warn "$s: ${UNAVAILABLE[$s]}"; done
    false
  }
  choose_ports
  save_state
  log "building the gateway and the five services (Release)"
  local n
  for n in gateway "${SERVICES[@]}"; do
    build_release "$ROOT/${PROJECT[$n]}" "$STATE/logs/build-$n.log"
  done
  (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STATE/keys/token-signing.key")
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$STATE/keys/audit-entry.key")
  node_env >"$STATE/node.env"
  # shellcheck disable=SC1091
  . "$STATE/node.env"
  for n in "${SERVICES[@]}"; do start_process "$n"; done
  for n in "${SERVICES[@]}"; do wait_healthy "$n"; log "$n is healthy"; done
  start_process gateway
  wait_healthy gateway
  log "gateway is healthy"
  (cd / && dotnet "$(dll gateway)" mint-token --user operator --name 节点运维 --role node_operator \
    >"$STATE/operator.token" 2>"$STATE/logs/mint-token.log") || { show_log "$STATE/logs/mint-token.log" >&2; false; }
  chmod 600 "$STATE/operator.token"
  echo "http://127.0.0.1:$(ports_of gateway | cut -d' ' -f1)" >"$STATE/gateway"
  trap - ERR
  print_addresses
}

down() {
  [ -f "$STATE/servers.env" ] || { echo "stack.sh: no stack is up" >&2; return 0; }
  # shellcheck disable=SC1091
  . "$STATE/servers.env"
  stop_processes
  stop_servers
  rm -rf "$STATE"
  log "stopped"
}

restart() { # name
  local name=${1:-}
  [ -n "$name" ] && [ -n "${PROJECT[$name]:-}" ] || { echo "usage: scripts/stack.sh restart gateway|${SERVICES[*]// /|}" >&2; exit 2; }
  [ -f "$STATE/servers.env" ] || { echo "stack.sh: no stack is up" >&2; exit 3; }
  # shellcheck disable=SC1091
  . "$STATE/servers.env"
  # shellcheck disable=SC1091
  . "$STATE/node.env"
  if [ -f "$STATE/pids/$name" ]; then
    kill_group "$(cat "$STATE/pids/$name")"
    # Otherwise start_process takes the old pid file for the new one and wait_healthy sees it dead.
    rm -f "$STATE/pids/$name"
  fi
  echo "--- scripts/stack.sh restart $(date -u +%Y-%m-%dT%H:%M:%SZ) ---" >>"$STATE/logs/$name.log"
  start_process "$name"
  wait_healthy "$name"
  log "$name restarted"
}

operator_auth_header() {
  [ -s "$STATE/operator.token" ] && printf 'authorization: Bearer %s\n' "$(cat "$STATE/operator.token")"
  return 0
}

# A /health body -> "Healthy", or "Degraded|Unhealthy (check: reason; ...)".
health_summary() { # body
  [ -n "$1" ] || return 0
  jq -r '.status + (if .status != "Healthy" and (.checks | type) == "object" then
      " (" + ([.checks | to_entries[] | select(.value.status != "Healthy")
        | "\(.key): \(.value.description // .value.status)"] | join("; ")) + ")"
    else "" end)' <<<"$1" 2>/dev/null || printf 'unreadable body: %.80s' "$1"
}

status() {
  [ -f "$STATE/servers.env" ] || { echo "down"; return 3; }
  # shellcheck disable=SC1091
  . "$STATE/servers.env"
  local n http out code body rc=0 state
  for n in gateway "${SERVICES[@]}"; do
    read -r http _ <<<"$(ports_of "$n")"
    state=stopped
    [ -f "$STATE/pids/$n" ] && alive "$(cat "$STATE/pids/$n")" && state=running
    # With the operator token /health names each check that is not Healthy and why; the header
    # goes through a pipe so the token is not in curl's arguments.
    out=$(curl -s --max-time 3 -w '\n%{http_code}' -H @<(operator_auth_header) "http://127.0.0.1:$http/health" 2>/dev/null || true)
    code=${out##*$'\n'} body=${out%$'\n'*}
    [ "$code" = 000 ] && code=""
    printf '%-14s %-8s /health %-4s %s\n' "$n" "$state" "${code:-none}" "$(health_summary "$body")"
    [ "$code" = 200 ] || rc=1
  done
  print_addresses
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  restart) restart "${2:-}" ;;
  *) echo "usage: scripts/stack.sh up|down|status|restart NAME" >&2; exit 2 ;;
esac
