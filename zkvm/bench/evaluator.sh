#!/bin/sh
# Constraint evaluation over the LDE (MIPS CPU table, 2^16 rows x blowup 4, random columns).
# Usage: zkvm/bench/evaluator.sh [extra JMH args, e.g. -p threads=1,2] (run from anywhere).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BUILD=${ZKVM_BUILD_DIR:-$ROOT/zkvm/target}
CP_FILE=${TMPDIR:-/tmp}/zkvm-evaluator-cp.txt
cd "$ROOT"
mvn -B -q -o -pl zkvm test-compile -Dzkvm.build.dir="$BUILD"
mvn -B -q -o -pl zkvm dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$CP_FILE")"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx4g -cp "$CP" org.openjdk.jmh.Main EvaluatorBenchmark -f 1 -wi 2 -i 5 "$@"
