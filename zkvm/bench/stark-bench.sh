#!/usr/bin/env bash
# Runs the STARK JMH benchmarks. Usage: zkvm/bench/stark-bench.sh [Pattern] [extra JMH args]
# e.g. zkvm/bench/stark-bench.sh NttBenchmark -p logN=20 -p threads=1
set -euo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$(dirname "$0")/../.."
BUILD=$PWD/zkvm/target-stark
PATTERN=${1:-'io.entangled.zkvm.stark.bench'}
shift || true
mvn -B -q -o -pl zkvm test-compile -Dzkvm.build.dir="$BUILD"
mvn -B -q -o -pl zkvm dependency:build-classpath -Dzkvm.build.dir="$BUILD" \
  -Dmdep.outputFile=/tmp/stark-cp.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx8g -cp "$BUILD/test-classes:$BUILD/classes:$(cat /tmp/stark-cp.txt)" \
  org.openjdk.jmh.Main "$PATTERN" -f 1 -wi 2 -i 3 "$@"
