#!/usr/bin/env bash
# Memory-server benchmarks that need only the JDK (issue 2 benchmarks 3 and 4).
# Usage: bench/service-benchmarks.sh durable [seconds] | batch [rounds] | all
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="service/target/test-classes:service/target/classes:placement/target/classes:$(cat service/target/bench-classpath.txt)"
what=${1:-all}; shift || true
case "$what" in
  durable) exec java -cp "$cp" dev.strata.service.tier.durable.DurableWriteBenchmark "$@" ;;
  batch)   exec java -cp "$cp" -Dlogging.level.root=warn dev.strata.service.bench.BatchVsSingleBenchmark "$@" ;;
  all)     java -cp "$cp" dev.strata.service.tier.durable.DurableWriteBenchmark "$@"
           java -cp "$cp" dev.strata.service.bench.BatchVsSingleBenchmark ;;
  *) echo "usage: $0 durable [seconds] | batch [rounds] | all" >&2; exit 2 ;;
esac
