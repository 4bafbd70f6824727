# Shared set-up for run.sh, test.sh and .ci/run. Source it; every function is idempotent.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
ANVIL_VERSION="1.7.1"
SOLC_VERSION="0.8.30"

log() { printf '[entangled] %s\n' "$*" >&2; }
die() { printf '[entangled] error: %s\n' "$*" >&2; exit 2; }

# A JDK >= 21 in JAVA_HOME: the given one if new enough, else the newest under /usr/lib/jvm.
find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/javac" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      log "using JDK $v at $JAVA_HOME"
      return 0
    fi
  done
  die "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. Temurin 25, and set JAVA_HOME."
}

need_cmd() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but not installed"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $* (install those packages by hand)"; fi
}

APT_UPDATED=""
# Installs Debian packages that are missing (by package name).
apt_install() {
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# anvil and solc-js from npm into .tools/ (project-local; nothing global).
npm_tools() {
  local anvil="$TOOLS/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
  if [ -x "$anvil" ] && [ -f "$TOOLS/node_modules/solc/package.json" ]; then return 0; fi
  need_cmd npm
  log "installing anvil $ANVIL_VERSION and solc-js $SOLC_VERSION into .tools/"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error --prefix . \
      "@foundry-rs/anvil-linux-amd64@$ANVIL_VERSION" "solc@$SOLC_VERSION" >/dev/null)
  [ -x "$anvil" ] || die "anvil did not install into $anvil"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

# Starts a throw-away PostgreSQL server (Debian's) on a free loopback port and exports
# ENTANGLED_TEST_PG_URL / _USER / _PASSWORD for the tests. Stopped by stop_postgres.
PG_DIR=""
start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$bin/initdb" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  PG_DIR=$(mktemp -d /tmp/entangled-pg.XXXXXX)
  local port; port=$(free_port)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
      -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
  export ENTANGLED_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/postgres"
  export ENTANGLED_TEST_PG_USER=postgres
  export ENTANGLED_TEST_PG_PASSWORD=""
  log "PostgreSQL $(basename "$(dirname "$bin")") started on 127.0.0.1:$port (data in $PG_DIR)"
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  local bin run=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ "$(id -u)" -eq 0 ]; then run=(runuser -u postgres --); fi
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
