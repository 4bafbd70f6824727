#!/bin/sh
# MIPS proving throughput on a hand-assembled loop (the only kind of program the AIR covers yet):
# JMH MipsProveBenchmark (prove = trace generation + STARK proof; verify). Cycles per second =
# the printed cycle count / the prove time. Usage: zkvm/bench/prove-loop.sh [JMH pattern]
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BUILD=${ZKVM_BUILD_DIR:-$ROOT/zkvm/target}
CP_FILE=${TMPDIR:-/tmp}/zkvm-prove-cp.txt
cd "$ROOT"
mvn -B -q -o -pl zkvm test-compile -Dzkvm.build.dir="$BUILD"
mvn -B -q -o -pl zkvm dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$CP_FILE")"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:G1HeapRegionSize=32m -cp "$CP" org.openjdk.jmh.Main "${1:-MipsProveBenchmark}" -f 1 -wi 2 -i 3
