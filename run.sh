#!/usr/bin/env bash
# Runs the relayer end to end on embedded defaults: builds it if needed, installs anvil into
# .tools/, and starts the service with the devnet profile (embedded PostgreSQL under .data/, two
# local anvil chains). The API is then on http://localhost:8080/api/v1/chains.
# Extra arguments are Spring properties, e.g. ./run.sh --server.port=9090
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

find_jdk
need_cmd mvn
npm_tools
JAR="$ROOT/relayer/target/entangled.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/.tools" -prune -o -path '*/src/*' -newer "$JAR" -print -quit)" ]; then
  log "building relayer/target/entangled.jar"
  mvn -B -q -ntp -DskipTests package
fi
export ANVIL="$TOOLS/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -XX:G1HeapRegionSize=32m -jar "$JAR" serve \
  --spring.profiles.active=devnet "$@"
