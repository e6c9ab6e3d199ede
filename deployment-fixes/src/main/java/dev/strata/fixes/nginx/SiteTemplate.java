package dev.strata.fixes.nginx;

import dev.strata.fixes.config.ConfigException;
import dev.strata.fixes.config.FixConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The known-good Strata site a broken site file is repaired to. When the infrastructure program
 * installs a copy ({@code nginx.site-template}), that copy is the truth; otherwise the site the
 * host layout defines is rendered from the configuration (kept in step with the infrastructure's
 * strata.conf).
 */
public final class SiteTemplate {
    private SiteTemplate() {
    }

    public static String render(FixConfig config) {
        var installed = config.optional("nginx.site-template");
        if (installed.isPresent()) {
            try {
                return Files.readString(Path.of(installed.get()));
            } catch (IOException e) {
                throw new ConfigException("nginx.site-template", installed.get(), "a readable site file (" + e.getMessage() + ")");
            }
        }
        int backendPort = config.integer("backend.port");
        return """
                # Strata behind the ALB: the web console from the current release, the API proxied to the server.
                server {
                    listen %1$s default_server;
                    server_name _;
                    server_tokens off;
                    client_max_body_size 16m;

                    root %2$s;
                    index index.html;

                    location / {
                        try_files $uri $uri/ /index.html;
                        # The console's security headers (the server sends the same ones in the embedded setup);
                        # add_header is not inherited into a location that sets its own, so they live here.
                        add_header Content-Security-Policy "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" always;
                        add_header X-Content-Type-Options nosniff always;
                        add_header X-Frame-Options DENY always;
                        add_header Referrer-Policy no-referrer always;
                        add_header Cross-Origin-Opener-Policy same-origin always;
                        add_header Cross-Origin-Resource-Policy same-origin always;
                        add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=(), usb=()" always;
                        add_header Cache-Control no-cache always;
                    }

                    location /v1 {
                        proxy_pass http://127.0.0.1:%3$d;
                        proxy_http_version 1.1;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
                        proxy_read_timeout 60s;
                    }

                    # Health endpoints are public (the ALB checks readiness through nginx).
                    location /actuator/health/ {
                        proxy_pass http://127.0.0.1:%3$d;
                        proxy_set_header Host $host;
                    }

                    # Other actuator endpoints only for callers on the host itself (the ALB adds X-Forwarded-For).
                    location /actuator {
                        if ($http_x_forwarded_for) {
                            return 404;
                        }
                        proxy_pass http://127.0.0.1:%3$d;
                        proxy_set_header Host $host;
                    }
                }

                # stub_status for the nginx exporter, loopback only.
                server {
                    listen 127.0.0.1:%4$d;
                    server_tokens off;
                    location = /nginx_status {
                        stub_status;
                    }
                    location / {
                        return 404;
                    }
                }
                """.formatted(config.get("nginx.listen"), config.get("console.current"), backendPort, config.integer("nginx.status-port"));
    }
}
