#!/usr/bin/env bash
# Semantic memory benchmarks (issue 6): embedding throughput, index rebuild from PostgreSQL, search
# p50/p99 and recall@10 vs exact search, cross-instance write-to-searchable lag.
# Usage: bench/semantic-benchmarks.sh [sizes] [index-only]   sizes e.g. 10000,100000 (default) or 1000000;
#        index-only skips the embedding and cross-instance parts (results then in service/target/semantic-bench-index.md)
# Results: stdout and service/target/semantic-bench.md (quoted in docs/benchmarks/semantic.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor build, so the placement module resolves to its classes without being installed first.
./mvnw -B -q -pl service -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="service/target/test-classes:service/target/classes:$(cat service/target/bench-classpath.txt)"
exec java -Xmx${BENCH_HEAP:-6g} --add-modules jdk.incubator.vector -Dlogging.level.root=warn -cp "$cp" \
  dev.strata.service.memory.bench.SemanticBenchmark "$@"
