#!/usr/bin/env bash
# HTTP GET of a hot key (wrk, 50 connections) vs redis-benchmark GET (50 clients), same machine,
# same run (issue 2 benchmark 2). Needs: apt-get install wrk redis-server redis-tools curl
# Usage: bench/http-vs-redis.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
for tool in wrk redis-server redis-benchmark redis-cli curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install wrk redis-server redis-tools curl" >&2; exit 2; }
done
jar=service/target/strata-service-exec.jar
[ -f "$jar" ] || ./mvnw -B -q -pl service -am package -DskipTests
work=$(mktemp -d)
port=18080; redis_port=16379; token="bench-$(date +%s%N)"
cleanup() { kill "${server_pid:-}" "${redis_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

java -jar "$jar" --server.port=$port --strata.embedded.data-dir="$work/pg" --strata.admin.token="$token" \
  --logging.level.root=warn >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null && break; sleep 1; done
curl -fs -XPOST "http://127.0.0.1:$port/v1/admin/tenants" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"id":"bench","rateLimitPerSecond":1000000}' >/dev/null
key=$(curl -fs -XPOST "http://127.0.0.1:$port/v1/admin/tenants/bench/keys" -H "Authorization: Bearer $token" | sed -E 's/.*"key":"([^"]+)".*/\1/')
curl -fs -XPUT "http://127.0.0.1:$port/v1/kv/bench/hot" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"payload":"0123456789abcdef0123456789abcdef"}' >/dev/null
# Warm-up, then the measured run.
wrk -t2 -c50 -d5s -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/kv/bench/hot" >/dev/null
http=$(wrk -t2 -c50 -d"${seconds}s" --latency -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/kv/bench/hot")
echo "$http"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=

redis-server --port $redis_port --save '' --appendonly no >"$work/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 1 50); do redis-cli -p $redis_port ping >/dev/null 2>&1 && break; sleep 0.1; done
redis=$(redis-benchmark -p $redis_port -t get -c 50 -n $((seconds * 60000)) -d 48 -q | tr '\r' '\n' | grep 'requests per second' | tail -1)
echo "$redis"
http_rps=$(echo "$http" | awk '/Requests\/sec/ {print $2}')
redis_rps=$(echo "$redis" | awk '{print $2}')
awk -v h="$http_rps" -v r="$redis_rps" 'BEGIN { printf "HTTP GET %.0f req/s, redis GET %.0f req/s, ratio %.2fx\n", h, r, h / r }'
