#!/usr/bin/env bash
# Merkle-Patricia proofs verified per second (one core) and header hashes per second, on real
# go-ethereum eth_getProof answers and a real Prague header.
# Usage: chains/bench/eth-verify.sh [extra JMH args]   (run from anywhere)
# JMH_ARGS replaces the default fork/warm-up/iteration settings.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BUILD=${BUILD_DIR:-$PWD/chains/target-eth}
CP_FILE=/tmp/eth-bench-cp.txt
# JDK 23+ runs annotation processors (JMH generator) only when asked: -proc:full
mvn -B -q -o -pl chains test-compile -Dchains.build.dir="$BUILD" -Dmaven.compiler.proc=full
mvn -B -q -o -pl chains dependency:build-classpath -Dchains.build.dir="$BUILD" \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$CP_FILE")" \
  org.openjdk.jmh.Main EthProofVerifyBenchmark ${JMH_ARGS:--f 1 -wi 2 -i 3 -t 1} "$@"
