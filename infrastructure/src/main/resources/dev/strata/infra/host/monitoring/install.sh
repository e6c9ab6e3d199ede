# Provisions the monitoring host on Ubuntu 24.04 from the files in the artefact bucket (monitoring/ of
# the repository). Exporters and Prometheus from the Ubuntu archive, Grafana from its signed apt repo.
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends ca-certificates curl gpg jq \
  prometheus prometheus-alertmanager prometheus-node-exporter prometheus-blackbox-exporter \
  prometheus-postgres-exporter prometheus-redis-exporter
command -v aws >/dev/null || snap install aws-cli --classic
install -d -m 0755 /etc/apt/keyrings
curl -fsSL https://apt.grafana.com/gpg.key | gpg --dearmor --yes -o /etc/apt/keyrings/grafana.gpg
echo "deb [signed-by=/etc/apt/keyrings/grafana.gpg] https://apt.grafana.com stable main" >/etc/apt/sources.list.d/grafana.list
apt-get update -q
apt-get install -y -q grafana

bucket={{BUCKET}}
aws s3 sync --region {{REGION}} "s3://$bucket/monitoring/prometheus/" /etc/prometheus/
aws s3 sync --region {{REGION}} "s3://$bucket/monitoring/alertmanager/" /etc/prometheus/
aws s3 cp --region {{REGION}} "s3://$bucket/monitoring/blackbox/blackbox.yml" /etc/prometheus/blackbox.yml
aws s3 sync --region {{REGION}} "s3://$bucket/monitoring/grafana/provisioning/" /etc/grafana/provisioning/
aws s3 sync --region {{REGION}} "s3://$bucket/monitoring/grafana/dashboards/" /var/lib/grafana/dashboards/
# EC2 service discovery must look in this stack's region (prometheus.yml ships with a placeholder).
sed -i -E 's/^(\s*- region:).*/\1 {{REGION}}/' /etc/prometheus/prometheus.yml
install -d -m 0755 /etc/prometheus/targets
install -m 0644 /etc/strata/https-endpoints.yml /etc/prometheus/targets/https-endpoints.yml
chown -R grafana:grafana /var/lib/grafana/dashboards

/usr/local/sbin/strata-monitoring-secrets
promtool check config /etc/prometheus/prometheus.yml
systemctl daemon-reload
systemctl enable --now strata-monitoring-secrets.timer
systemctl restart prometheus prometheus-alertmanager prometheus-blackbox-exporter \
  prometheus-postgres-exporter prometheus-redis-exporter prometheus-node-exporter
systemctl enable --now grafana-server
