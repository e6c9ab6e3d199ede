package dev.strata.fixes.nginx;

import dev.strata.fixes.config.FixConfig;

/**
 * The Strata site as the infrastructure program writes it (host layout contract), rendered from
 * the configuration. It is the known-good version a broken site file is repaired to.
 */
public final class SiteTemplate {
    private SiteTemplate() {
    }

    public static String render(FixConfig config) {
        int backendPort = config.integer("backend.port");
        return """
                # Strata site: proxies the API and actuator to the local memory server, serves the console.
                server {
                    listen %s;
                    server_name _;
                    root %s;
                    index index.html;

                    location /v1 {
                        proxy_pass http://127.0.0.1:%d;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    }

                    location /actuator {
                        proxy_pass http://127.0.0.1:%d;
                        proxy_set_header Host $host;
                    }

                    location / {
                        try_files $uri $uri/ /index.html;
                    }
                }

                server {
                    listen 127.0.0.1:%d;
                    location = /nginx_status {
                        stub_status;
                        allow 127.0.0.1;
                        deny all;
                    }
                }
                """.formatted(config.get("nginx.listen"), config.get("console.current"), backendPort, backendPort,
                config.integer("nginx.status-port"));
    }
}
