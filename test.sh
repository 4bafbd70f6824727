#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Debian packages, anvil and
# solc-js into .tools/), starts a throw-away PostgreSQL on a free loopback port, runs `mvn verify`.
# Extra arguments go to Maven (e.g. ./test.sh -pl chains).
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

find_jdk
need_cmd mvn
apt_install postgresql golang-go gcc-mips-linux-gnu qemu-user litecoind python3
npm_tools
start_postgres
trap stop_postgres EXIT

export ENTANGLED_TOOLS="$TOOLS"
mvn -B -ntp verify "$@"
