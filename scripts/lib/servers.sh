# Private PostgreSQL, RabbitMQ and Redis instances on free loopback ports, installed with apt when
# missing. Sourced by test.sh (the test command) and scripts/stack.sh (the local distributed node).
#
# The caller defines log() and warn() and sets INFRA (a folder under /tmp, mode 711, where the
# servers keep their data); start_postgres / start_rabbitmq / start_redis export
# PLATFORM_TEST_POSTGRES / _RABBITMQ / _REDIS or record why in UNAVAILABLE[name];
# stop_servers stops what they started and removes INFRA.
# shellcheck shell=bash

# ----------------------------------------------------------------------------------------------
# Cleanup: stop every server this script started and remove their data.
# ----------------------------------------------------------------------------------------------
INFRA=""
PG_BIN="" PG_DATA="" PG_PID=""
RABBIT_PGID="" RABBIT_PID_FILE="" RABBIT_NODE="" EPMD_PGID=""
REDIS_PORT="" REDIS_PID_FILE=""
RABBIT_ENV=()
POLICY_RC=/usr/sbin/policy-rc.d POLICY_BACKUP="" POLICY_WRITTEN=false
SUDO=()
STOPPED=false

# True while process $1 exists and is not a zombie (daemons are reaped by init, maybe late).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"
}

# True while process group $1 has a live (non-zombie) member.
group_alive() {
  local f line fields
  kill -0 -- "-$1" 2>/dev/null || return 1
  for f in /proc/[0-9]*/stat; do
    { read -r line <"$f"; } 2>/dev/null || continue
    read -r -a fields <<<"${line##*) }" # state ppid pgrp ...
    [ "${fields[2]:-}" = "$1" ] && [ "${fields[0]:-}" != Z ] && return 0
  done
  return 1
}

# Waits up to $2 seconds for process $1 to disappear.
wait_gone() {
  local pid=$1 i
  for ((i = 0; i < $2 * 10; i++)); do
    alive "$pid" || return 0
    sleep 0.1
  done
  return 1
}

# Kills process group $1 (TERM, then KILL after a grace period).
kill_group() {
  local pgid=$1 i
  [ -n "$pgid" ] || return 0
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    group_alive "$pgid" || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pgid" 2>/dev/null || true
}

kill_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true
}

restore_policy_rc() {
  if [ "$POLICY_WRITTEN" = true ]; then
    if [ -n "$POLICY_BACKUP" ]; then
      "${SUDO[@]}" mv -f "$POLICY_BACKUP" "$POLICY_RC"
    else
      "${SUDO[@]}" rm -f "$POLICY_RC"
    fi
    POLICY_WRITTEN=false
  fi
}

stop_servers() {
  [ "$STOPPED" = true ] && return 0
  STOPPED=true
  set +e
  restore_policy_rc
  if [ -n "$INFRA" ]; then log "stopping test servers"; fi

  if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    PG_PID=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null)
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 20 stop >/dev/null 2>&1
    [ -n "$PG_PID" ] && { wait_gone "$PG_PID" 5 || kill -KILL "$PG_PID" 2>/dev/null; }
  fi

  if [ -n "$RABBIT_PGID" ]; then
    if alive "$RABBIT_PGID"; then
      timeout 30 env "${RABBIT_ENV[@]}" "$RABBITMQCTL" -n "$RABBIT_NODE" stop >/dev/null 2>&1
    fi
    local beam=""
    [ -f "$RABBIT_PID_FILE" ] && beam=$(cat "$RABBIT_PID_FILE" 2>/dev/null)
    kill_group "$RABBIT_PGID"
    [ -n "$beam" ] && kill_pid "$beam"
  fi
  kill_group "$EPMD_PGID"

  if [ -n "$REDIS_PORT" ]; then
    local rpid=""
    [ -f "$REDIS_PID_FILE" ] && rpid=$(cat "$REDIS_PID_FILE" 2>/dev/null)
    timeout 10 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
    [ -n "$rpid" ] && { wait_gone "$rpid" 5 || kill -KILL "$rpid" 2>/dev/null; }
  fi

  [ -n "$INFRA" ] && rm -rf "$INFRA"
  set -e
}


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------

# For the scripts that start a node's processes (stack.sh, hierarchy.sh): dotnet without telemetry and
# without build servers that would outlive the script, and log()/warn() lines named after the script.
use_script_defaults() {
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER=1
  SCRIPT_NAME=$1
  START_TIME=$SECONDS
  log() { printf '[%s %4ss] %s\n' "$SCRIPT_NAME" "$((SECONDS - START_TIME))" "$*" >&2; }
  warn() { printf '[%s %4ss] WARNING: %s\n' "$SCRIPT_NAME" "$((SECONDS - START_TIME))" "$*" >&2; }
}

# Prints N distinct currently free loopback ports (random, below the ephemeral range).
free_ports() {
  python3 - "$1" <<'PY'
import random, socket, sys
n, held, ports = int(sys.argv[1]), [], []
while len(ports) < n:
    p = random.randint(20000, 32000)
    if p in ports:
        continue
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        s.close()
        continue
    held.append(s)
    ports.append(p)
print(" ".join(map(str, ports)))
PY
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Runs a command as the PostgreSQL OS user (postgres refuses to run as root).
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Shows the last lines of a log file, indented.
show_log() {
  [ -f "$1" ] || return 0
  echo "----- last lines of $(basename "$1") -----"
  tail -n "${2:-30}" "$1" | sed 's/^/    /'
  echo "-----"
}

find_pg_bin() {
  local d
  PG_BIN=""
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && PG_BIN=$d
  done
  [ -n "$PG_BIN" ]
}

find_rabbit() {
  # The scripts in /usr/lib/rabbitmq/bin run as the calling user; the /usr/sbin wrappers
  # would switch to the 'rabbitmq' user (and its Erlang cookie) when called as root.
  RABBITMQ_SERVER="" RABBITMQCTL=""
  if [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] && [ -x /usr/lib/rabbitmq/bin/rabbitmqctl ]; then
    RABBITMQ_SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server
    RABBITMQCTL=/usr/lib/rabbitmq/bin/rabbitmqctl
  elif command -v rabbitmq-server >/dev/null && command -v rabbitmqctl >/dev/null; then
    RABBITMQ_SERVER=$(command -v rabbitmq-server)
    RABBITMQCTL=$(command -v rabbitmqctl)
  fi
  [ -n "$RABBITMQ_SERVER" ]
}

find_epmd() {
  EPMD=$(command -v epmd 2>/dev/null || ls -d /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$EPMD" ] && [ -x "$EPMD" ]
}

have_redis() { command -v redis-server >/dev/null && command -v redis-cli >/dev/null; }

# ----------------------------------------------------------------------------------------------
# 1. Install missing servers with apt
# ----------------------------------------------------------------------------------------------
declare -A UNAVAILABLE=()

missing_packages() {
  local m=()
  command -v python3 >/dev/null || m+=(python3)
  # The README's blocks, run by the tests as written, use curl and jq.
  command -v curl >/dev/null || m+=(curl)
  command -v jq >/dev/null || m+=(jq)
  { find_pg_bin && [ -x "$PG_BIN/pg_isready" ] && id postgres >/dev/null 2>&1; } || m+=(postgresql)
  find_rabbit || m+=(rabbitmq-server)
  have_redis || m+=(redis-server)
  # test.sh only: the console's browser tests drive Debian's chromium (and its driver).
  if [ "${NEED_BROWSER:-false}" = true ]; then
    [ -x /usr/bin/chromium ] || m+=(chromium)
    command -v chromedriver >/dev/null || m+=(chromium-driver)
    # The screenshots the browser tests take show Chinese text only with a CJK font installed.
    [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || m+=(fonts-wqy-microhei)
  fi
  echo "${m[@]}"
}

install_packages() {
  local missing
  missing=$(missing_packages)
  [ -n "$missing" ] || { log "postgresql, rabbitmq-server, redis-server${NEED_BROWSER:+ and chromium} are installed"; return 0; }
  log "missing packages: $missing"
  if ! command -v apt-get >/dev/null; then
    warn "apt-get not available; cannot install: $missing"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
      warn "not root and no passwordless sudo; cannot install: $missing"
      return 0
    fi
  fi
  # Serialise concurrent runs of this script around apt and policy-rc.d.
  local lock=/tmp/.platform-test-apt.lock
  exec 9>>"$lock"
  flock -w 900 9 || warn "could not get $lock; installing anyway"
  missing=$(missing_packages)
  if [ -n "$missing" ]; then
    # Keep apt from starting system daemons (we run private instances; there may be no init).
    if [ -e "$POLICY_RC" ]; then
      POLICY_BACKUP="$POLICY_RC.platform-test-$$"
      "${SUDO[@]}" cp -p "$POLICY_RC" "$POLICY_BACKUP"
    fi
    POLICY_WRITTEN=true
    printf '#!/bin/sh\n# written by test.sh for the duration of apt-get install\nexit 101\n' |
      "${SUDO[@]}" tee "$POLICY_RC" >/dev/null
    "${SUDO[@]}" chmod 755 "$POLICY_RC"
    local apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -q)
    log "apt-get update"
    "${apt[@]}" update >"$INFRA/apt.log" 2>&1 || { warn "apt-get update failed"; show_log "$INFRA/apt.log" 15; }
    log "apt-get install $missing"
    # shellcheck disable=SC2086
    if ! "${apt[@]}" install -y --no-install-recommends $missing >>"$INFRA/apt.log" 2>&1; then
      warn "apt-get install $missing failed; retrying package by package"
      show_log "$INFRA/apt.log" 20
      local p
      for p in $missing; do
        "${apt[@]}" install -y --no-install-recommends "$p" >>"$INFRA/apt.log" 2>&1 \
          || { warn "apt-get install $p failed"; show_log "$INFRA/apt.log" 15; }
      done
    fi
    restore_policy_rc
    log "apt-get done"
  fi
  flock -u 9 || true
  exec 9>&-
}

# ----------------------------------------------------------------------------------------------
# 2. Private server instances
# ----------------------------------------------------------------------------------------------
start_postgres() {
  find_pg_bin || { UNAVAILABLE[postgres]="PostgreSQL binaries not found under /usr/lib/postgresql"; return 1; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    UNAVAILABLE[postgres]="OS user 'postgres' missing (postgres cannot run as root)"
    return 1
  fi
  local base=$INFRA/postgres attempt port t0=$SECONDS
  mkdir -p "$base"
  PG_DATA=$base/data
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$base"; fi
  log "postgres: initdb ($PG_BIN)"
  if ! as_pg_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --no-locale --no-sync \
    >"$base/initdb.log" 2>&1; then
    show_log "$base/initdb.log"
    UNAVAILABLE[postgres]="initdb failed"
    return 1
  fi
  as_pg_user mkdir -p "$base/sock"
  printf '%s\n' "" "# test.sh" "listen_addresses = '127.0.0.1'" "unix_socket_directories = '$base/sock'" \
    "max_connections = 300" "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
    "log_min_messages = warning" | as_pg_user tee -a "$PG_DATA/postgresql.conf" >/dev/null
  for attempt in 1 2 3; do
    port=$(free_ports 1)
    log "postgres: starting on 127.0.0.1:$port (attempt $attempt)"
    if as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$base/postgres.log" -o "-p $port" -w -t 60 start \
      >/dev/null 2>&1; then
      local i
      for ((i = 0; i < 60; i++)); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -t 2; then
          export PLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres"
          log "postgres: ready on 127.0.0.1:$port after $((SECONDS - t0))s"
          return 0
        fi
        sleep 0.5
      done
      as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    show_log "$base/postgres.log" 15
  done
  UNAVAILABLE[postgres]="did not become ready (see log above)"
  return 1
}

start_rabbitmq() {
  find_rabbit || { UNAVAILABLE[rabbitmq]="rabbitmq-server not installed"; return 1; }
  find_epmd || { UNAVAILABLE[rabbitmq]="epmd (Erlang) not found"; return 1; }
  local attempt amqp dist epmd_port base why="" t0=$SECONDS
  for attempt in 1 2 3; do
    base=$INFRA/rabbitmq-$attempt
    mkdir -p "$base/mnesia" "$base/log" "$base/home"
    read -r amqp dist epmd_port <<<"$(free_ports 3)"
    RABBIT_NODE="rabbit-test-$$-$attempt@localhost"
    RABBIT_PID_FILE=$base/rabbit.pid
    : >"$base/enabled_plugins"
    : >"$base/rabbitmq-env.conf"
    cat >"$base/rabbitmq.conf" <<EOF
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
    RABBIT_ENV=(
      HOME="$base/home"
      LANG=C.UTF-8
      LC_ALL=C.UTF-8
      ERL_EPMD_PORT="$epmd_port"
      ERL_EPMD_ADDRESS=127.0.0.1
      RABBITMQ_NODENAME="$RABBIT_NODE"
      RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
      RABBITMQ_NODE_PORT="$amqp"
      RABBITMQ_DIST_PORT="$dist"
      RABBITMQ_MNESIA_BASE="$base/mnesia"
      RABBITMQ_LOG_BASE="$base/log"
      RABBITMQ_PID_FILE="$RABBIT_PID_FILE"
      RABBITMQ_CONFIG_FILE="$base/rabbitmq.conf"
      RABBITMQ_ADVANCED_CONFIG_FILE="$base/advanced.config"
      RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
      RABBITMQ_CONF_ENV_FILE="$base/rabbitmq-env.conf"
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    )
    log "rabbitmq: starting node $RABBIT_NODE on 127.0.0.1:$amqp (dist $dist, epmd $epmd_port, attempt $attempt)"
    # Our own epmd (foreground, own process group) so nothing daemonises out of our reach.
    setsid env "${RABBIT_ENV[@]}" "$EPMD" -port "$epmd_port" -address 127.0.0.1 \
      </dev/null >"$base/epmd.log" 2>&1 &
    EPMD_PGID=$!
    setsid env "${RABBIT_ENV[@]}" "$RABBITMQ_SERVER" </dev/null >"$base/server.out" 2>&1 &
    RABBIT_PGID=$!
    local deadline=$((SECONDS + 90)) ok=false why="not accepting AMQP connections after 90s"
    while [ "$SECONDS" -lt "$deadline" ]; do
      if ! alive "$RABBIT_PGID"; then
        local st=0
        wait "$RABBIT_PGID" 2>/dev/null || st=$?
        why="rabbitmq-server exited with status $st"
        break
      fi
      if port_open "$amqp"; then ok=true; break; fi
      sleep 1
    done
    if [ "$ok" = true ]; then
      local left=$((deadline - SECONDS))
      [ "$left" -lt 10 ] && left=10
      if timeout "$left" env "${RABBIT_ENV[@]}" "$RABBITMQCTL" -n "$RABBIT_NODE" -q await_startup \
        >"$base/await.log" 2>&1; then
        export PLATFORM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$amqp/"
        log "rabbitmq: ready on 127.0.0.1:$amqp after $((SECONDS - t0))s"
        return 0
      fi
      why="rabbitmqctl await_startup failed or timed out"
      show_log "$base/await.log" 15
    fi
    warn "rabbitmq: node did not start (attempt $attempt): $why"
    show_log "$base/server.out" 20
    show_log "$base/log/$RABBIT_NODE.log" 20
    if alive "$RABBIT_PGID"; then
      timeout 20 env "${RABBIT_ENV[@]}" "$RABBITMQCTL" -n "$RABBIT_NODE" stop >/dev/null 2>&1 || true
    fi
    local beam=""
    [ -f "$RABBIT_PID_FILE" ] && beam=$(cat "$RABBIT_PID_FILE" 2>/dev/null || true)
    kill_group "$RABBIT_PGID"
    [ -n "$beam" ] && kill_pid "$beam"
    kill_group "$EPMD_PGID"
    RABBIT_PGID="" EPMD_PGID=""
  done
  UNAVAILABLE[rabbitmq]="$why (3 attempts; see logs above)"
  return 1
}

start_redis() {
  have_redis || { UNAVAILABLE[redis]="redis-server not installed"; return 1; }
  local base=$INFRA/redis attempt port i t0=$SECONDS
  mkdir -p "$base"
  REDIS_PID_FILE=$base/redis.pid
  for attempt in 1 2 3; do
    port=$(free_ports 1)
    log "redis: starting on 127.0.0.1:$port (attempt $attempt)"
    if redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$base" --pidfile "$REDIS_PID_FILE" --logfile "$base/redis.log" >/dev/null 2>&1; then
      REDIS_PORT=$port
      for ((i = 0; i < 50; i++)); do
        if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then
          export PLATFORM_TEST_REDIS="127.0.0.1:$port"
          log "redis: ready on 127.0.0.1:$port after $((SECONDS - t0))s"
          return 0
        fi
        sleep 0.2
      done
      redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true
      [ -f "$REDIS_PID_FILE" ] && kill_pid "$(cat "$REDIS_PID_FILE")"
      REDIS_PORT=""
    fi
    show_log "$base/redis.log" 15
  done
  UNAVAILABLE[redis]="did not answer PING (see log above)"
  return 1
}
