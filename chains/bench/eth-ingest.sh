#!/usr/bin/env bash
# Headers fetched + verified per second from a local anvil through the ethereum adapter
# (batched JSON-RPC). Needs anvil in .tools (see chains/README.md).
# Usage: chains/bench/eth-ingest.sh [blocks=20000] [batch-size=200] [kind=ethereum|optimism]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BUILD=${BUILD_DIR:-$PWD/chains/target-eth}
CP_FILE=/tmp/eth-bench-cp.txt
mvn -B -q -o -pl chains test-compile -Dchains.build.dir="$BUILD" -Dmaven.compiler.proc=full
mvn -B -q -o -pl chains dependency:build-classpath -Dchains.build.dir="$BUILD" \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
cd chains
"$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$CP_FILE")" \
  io.entangled.chains.ethereum.EthHeaderIngestBench "$@"
