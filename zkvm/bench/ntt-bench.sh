#!/usr/bin/env bash
# NTT JMH benchmark. Usage: [PATTERN=regex] zkvm/bench/ntt-bench.sh [extra JMH args]
# e.g. PATTERN='NttBenchmark.forward' zkvm/bench/ntt-bench.sh -p logN=20 -p threads=1 -wi 3 -i 10
# BUILD_DIR picks the build folder (default zkvm/target-ntt) so parallel builds do not collide.
set -euo pipefail
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
cd "$(dirname "$0")/../.."
BUILD=${BUILD_DIR:-$PWD/zkvm/target-ntt}
PATTERN=${PATTERN:-NttBenchmark}
CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -o -pl zkvm test-compile -Dzkvm.build.dir="$BUILD"
mvn -B -q -o -pl zkvm dependency:build-classpath -Dzkvm.build.dir="$BUILD" \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx8g -cp "$BUILD/test-classes:$BUILD/classes:$(cat "$CP_FILE")" \
  org.openjdk.jmh.Main "$PATTERN" -f 1 "$@"
