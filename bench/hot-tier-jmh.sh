#!/usr/bin/env bash
# JMH: hot-tier get/put through the store API vs raw Caffeine (issue 2 benchmark 1).
# Usage: bench/hot-tier-jmh.sh [extra JMH args, e.g. -wi 3 -i 5 -f 1]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl service -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="service/target/test-classes:service/target/classes:placement/target/classes:$(cat service/target/bench-classpath.txt)"
exec java -cp "$cp" org.openjdk.jmh.Main 'HotTierBenchmark' -f 1 -wi 3 -w 2s -i 5 -r 3s "$@"
