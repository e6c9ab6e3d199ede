# Installs one release of Strata on a fresh Ubuntu 24.04 host. Runs as root from cloud-init, after
# the files above were written. Packages come from the signed Ubuntu archive.
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-21-jre-headless nginx jq unzip \
  prometheus-node-exporter prometheus-nginx-exporter
command -v aws >/dev/null || snap install aws-cli --classic

id strata >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/strata --shell /usr/sbin/nologin strata
install -d -o strata -g strata -m 0750 /var/lib/strata
install -d -o root -g strata -m 0750 /etc/strata
install -d -m 0755 /opt/strata/service /opt/strata/deployment-fixes /opt/strata/console/releases

bucket={{BUCKET}}
release={{RELEASE}}
aws s3 cp --region {{REGION}} "s3://$bucket/{{SERVICE_JAR_KEY}}" /opt/strata/service/strata-service.jar
aws s3 cp --region {{REGION}} "s3://$bucket/{{FIXES_JAR_KEY}}" /opt/strata/deployment-fixes/deployment-fixes.jar
aws s3 sync --region {{REGION}} --delete "s3://$bucket/{{CONSOLE_PREFIX}}" "/opt/strata/console/releases/$release/"
# Switch the console atomically: nginx never serves a half-copied release.
ln -sfn "/opt/strata/console/releases/$release" /opt/strata/console/current.new
mv -T /opt/strata/console/current.new /opt/strata/console/current
chmod 0644 /opt/strata/service/strata-service.jar /opt/strata/deployment-fixes/deployment-fixes.jar

# The nginx exporter reads the loopback stub_status page of strata.conf.
echo 'ARGS="--nginx.scrape-uri=http://127.0.0.1:8081/nginx_status"' >/etc/default/prometheus-nginx-exporter
rm -f /etc/nginx/sites-enabled/default
nginx -t
systemctl daemon-reload
systemctl enable --now strata-env.service strata.service strata-env-refresh.timer
systemctl restart nginx prometheus-nginx-exporter
systemctl enable --now prometheus-node-exporter
