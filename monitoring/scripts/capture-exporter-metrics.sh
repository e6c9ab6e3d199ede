#!/usr/bin/env bash
# Regenerates monitoring/src/test/resources/known-metrics/<exporter>.txt: the metric names that the
# Debian exporter packages really export. Alerts and dashboards are checked against these lists, so
# a name that only exists in a blog post (or in another exporter version) fails the build.
#
# Run as root on Debian 12 (bookworm) after:
#   apt-get install prometheus-node-exporter prometheus-nginx-exporter prometheus-postgres-exporter \
#     prometheus-redis-exporter prometheus-blackbox-exporter postgresql redis-server nginx openssl
# Everything listens on 127.0.0.1 high ports and is stopped on exit. To make metrics appear that only
# exist in certain states, the script provokes those states: a streaming replica (pg_stat_replication),
# a Redis at maxmemory with noeviction (OOM rejections) and then allkeys-lru (evictions), and an HTTPS
# probe against a self-signed nginx (certificate expiry).
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/known-metrics"
work=$(mktemp -d /tmp/capture-metrics.XXXXXX)
chmod 755 "$work"
pids=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  redis-cli -p 46379 shutdown nosave >/dev/null 2>&1 || true
  for d in replica primary; do
    [ -d "$work/pg/$d" ] && su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $work/pg/$d -m fast stop" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

start() { "$@" >"$work/$(basename "$1").log" 2>&1 & pids+=($!); }
names() { curl -fsS "$1" | grep -v '^#' | sed 's/[{ ].*//' | sort -u; }
write() { # file, package, how
  local file="$out/$1.txt" version
  version=$(dpkg-query -W -f '${Version}' "$2")
  { echo "# Metric names exported by Debian package $2 $version (Debian 12), one per line."
    echo "# Produced by monitoring/scripts/capture-exporter-metrics.sh on $(date -u +%Y-%m-%d): $3"
    cat; } >"$file"
  echo "wrote $file ($(grep -vc '^#' "$file") names)"
}

# PostgreSQL primary + streaming replica, so pg_stat_replication_* exist.
install -d -o postgres "$work/pg"
su postgres -s /bin/sh -c "$pg_bin/initdb -D $work/pg/primary -A trust -U postgres" >/dev/null
su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $work/pg/primary -o '-p 45432 -k $work/pg -c listen_addresses=127.0.0.1' -l $work/pg/primary.log -w start" >/dev/null
su postgres -s /bin/sh -c "$pg_bin/pg_basebackup -h 127.0.0.1 -p 45432 -U postgres -D $work/pg/replica -R -X stream" >/dev/null
su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $work/pg/replica -o '-p 45433 -k $work/pg -c listen_addresses=127.0.0.1' -l $work/pg/replica.log -w start" >/dev/null

# Redis: OOM rejections first, then evictions.
redis-server --port 46379 --bind 127.0.0.1 --save '' --daemonize yes --maxmemory 2mb --maxmemory-policy noeviction >/dev/null
value=$(head -c 10000 /dev/zero | tr '\0' a)
for i in $(seq 1 300); do echo "SET k$i $value"; done | redis-cli -p 46379 >/dev/null
redis-cli -p 46379 config set maxmemory-policy allkeys-lru >/dev/null
for i in $(seq 300 400); do echo "SET k$i $value"; done | redis-cli -p 46379 >/dev/null

# nginx: stub_status for the nginx exporter, and a self-signed HTTPS server for the blackbox probe.
mkdir -p "$work/ngx"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/ngx; proxy_temp_path $work/ngx; fastcgi_temp_path $work/ngx;
  uwsgi_temp_path $work/ngx; scgi_temp_path $work/ngx;
  server { listen 127.0.0.1:48081; location /nginx_status { stub_status; } }
  server { listen 127.0.0.1:48443 ssl; ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
           location / { return 200 ok; } }
}
NGINX
nginx -c "$work/nginx.conf"
cat >"$work/blackbox.yml" <<BLACKBOX
modules:
  https_2xx:
    prober: http
    http: { tls_config: { insecure_skip_verify: true } }
BLACKBOX

start /usr/bin/prometheus-node-exporter --web.listen-address=127.0.0.1:49100
DATA_SOURCE_NAME="postgresql://postgres@127.0.0.1:45432/postgres?sslmode=disable" \
  start /usr/bin/prometheus-postgres-exporter --web.listen-address=127.0.0.1:49187
start /usr/bin/prometheus-redis-exporter -redis.addr redis://127.0.0.1:46379 -web.listen-address 127.0.0.1:49121
start /usr/bin/prometheus-nginx-exporter -nginx.scrape-uri http://127.0.0.1:48081/nginx_status -web.listen-address 127.0.0.1:49113
start /usr/bin/prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address=127.0.0.1:49115
sleep 3
# The postgres exporter learns the server version on its first scrape; the second one is complete.
curl -fsS -o /dev/null http://127.0.0.1:49187/metrics
psql -q -h 127.0.0.1 -p 45432 -U postgres -c 'CREATE TABLE t (x int); INSERT INTO t VALUES (1);'
sleep 2

names http://127.0.0.1:49100/metrics | write node-exporter prometheus-node-exporter "default collectors"
names http://127.0.0.1:49187/metrics | write postgres-exporter prometheus-postgres-exporter \
  "primary with one streaming replica, default collectors"
names http://127.0.0.1:49121/metrics | write redis-exporter prometheus-redis-exporter \
  "redis-server $(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/') after OOM rejections and evictions"
names http://127.0.0.1:49113/metrics | write nginx-exporter prometheus-nginx-exporter "stub_status of nginx"
names "http://127.0.0.1:49115/probe?module=https_2xx&target=https://127.0.0.1:48443/" \
  | write blackbox-exporter prometheus-blackbox-exporter "http prober against an HTTPS target"
