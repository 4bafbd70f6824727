#!/bin/sh
# Interpreter throughput: the JMH benchmark (instructions/s, untraced and traced), then long real
# guests through the CLI. Usage: zkvm/bench/interpreter.sh [JMH pattern] (run from anywhere).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BUILD=${ZKVM_BUILD_DIR:-$ROOT/zkvm/target}
CP_FILE=${TMPDIR:-/tmp}/zkvm-bench-cp.txt
cd "$ROOT"
mvn -B -q -o -pl zkvm test-compile -Dzkvm.build.dir="$BUILD"
mvn -B -q -o -pl zkvm dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$CP_FILE")"
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main "${1:-InterpreterBenchmark}" -f 1 -wi 2 -i 3

# Long real guests (one JVM per mode); the first of the three runs includes JIT warm-up.
run() {
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$CP" io.entangled.zkvm.bench.RunGuest "$@"
}
printf '\002\372\360\200' > "$BUILD/fib-50M.in"   # n = 50,000,000: 600 M instructions
head -c 4000000 /dev/zero > "$BUILD/zero-4M.in"    # SHA-256 of 4 MB: 498 M instructions
for mode in untraced traced; do
  run $mode "$BUILD/guests/fib-c.elf" "$BUILD/fib-50M.in"
  run $mode "$BUILD/guests/sha256-go.elf" "$BUILD/zero-4M.in"
done
run untraced "$BUILD/guests/hello-go.elf"
