package dev.strata.infra.firewall;

/** Ports of the host layout contract (docs/HOST_LAYOUT.md) that cross a security group boundary. */
public enum Port {
    HTTP(80), HTTPS(443), SERVER(8080), NODE_EXPORTER(9100), NGINX_EXPORTER(9113),
    POSTGRES(5432), REDIS(6379), GRAFANA(3000), PROMETHEUS(9090);

    public final int number;

    Port(int number) {
        this.number = number;
    }
}
