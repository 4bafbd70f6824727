#!/bin/sh
# Proving throughput on a real guest: `zkvm prove` then `zkvm verify` (JDK 25, default STARK
# parameters, CPU backend). Proves REPEAT times (default 3) in one JVM and prints cycles, segments,
# proof size, the last (warm) prove seconds and cycles/s with the first (cold: the JIT still
# compiling) beside them, then the verify time (warm, and the first in a fresh JVM).
# Heap: JAVA_TOOL_OPTIONS=-Xmx…
# Usage: zkvm/bench/prove-guest.sh GUEST [SEGMENT_CYCLES] [INPUT_FILE]
#   GUEST: a name under zkvm/guests (fib-c, sha256-c, …) or a path to an ELF.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BUILD=${ZKVM_BUILD_DIR:-$ROOT/zkvm/target}
CP_FILE=${TMPDIR:-/tmp}/zkvm-prove-guest-cp.txt
cd "$ROOT"
mvn -B -q -o -pl zkvm test-compile -Dzkvm.build.dir="$BUILD"
mvn -B -q -o -pl zkvm dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
CP="$BUILD/classes:$(cat "$CP_FILE")"
GUEST=$1
case "$GUEST" in */*) ELF=$GUEST ;; *) ELF=$BUILD/guests/$GUEST.elf ;; esac
SEG=${2:-262144}
INPUT=${3:-}
OUT=${TMPDIR:-/tmp}/$(basename "$ELF").proof
set -- prove "$ELF" --out "$OUT" --segment-cycles "$SEG" --repeat "${REPEAT:-3}"
if [ -n "$INPUT" ]; then set -- "$@" --input "$INPUT"; fi
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:G1HeapRegionSize=32m -cp "$CP" io.entangled.zkvm.cli.ZkvmCommand "$@" 2>&1 | grep -v " DEBUG "
# verify 10 times in one JVM: verify_ms is the last (warm) run, first_ms the cold first one
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -XX:G1HeapRegionSize=32m -cp "$CP" io.entangled.zkvm.cli.ZkvmCommand verify "$OUT" --elf "$ELF" \
  --repeat 10 2>&1 | grep -v " DEBUG "
