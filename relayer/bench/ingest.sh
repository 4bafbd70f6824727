#!/usr/bin/env bash
# End-to-end ingestion throughput (fetch + verify + store in PostgreSQL) through ChainIngestor.
#   relayer/bench/ingest.sh anvil [BLOCKS] [RUNS]     # local anvil, ethereum adapter
#   relayer/bench/ingest.sh btc-file [BATCH] [RUNS]   # 8,065 real mainnet headers, bitcoin adapter
# Uses ENTANGLED_TEST_PG_URL when set, else an embedded PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
find_jdk
mvn -B -q -ntp -DskipTests install -pl relayer -am >/dev/null
mvn -B -q -ntp -pl relayer dependency:build-classpath -Dmdep.outputFile=/tmp/entangled-bench-cp.txt -Dmdep.includeScope=test >/dev/null
cd relayer
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat /tmp/entangled-bench-cp.txt)" \
  io.entangled.relayer.bench.IngestBenchmark "$@"
