package dev.strata.fixes.deps;

import java.net.URI;
import java.util.Optional;

/** host:port of a dependency URL (JDBC or Redis), and the same URL moved to another host:port. */
public record Endpoint(String host, int port) {

    public static Optional<Endpoint> ofUrl(String url, int defaultPort) {
        try {
            URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new Endpoint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Endpoint> parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            return colon > 0 ? Optional.of(new Endpoint(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** {@code url} with this endpoint's host:port in place of {@code old}'s; every other character kept. */
    public String replaceIn(String url, Endpoint old) {
        String from = "@" + old.host + ":" + old.port;
        if (url.contains(from)) {
            return url.replace(from, "@" + host + ":" + port);
        }
        from = "//" + old.host + ":" + old.port;
        if (url.contains(from)) {
            return url.replace(from, "//" + host + ":" + port);
        }
        return url.replace("//" + old.host, "//" + host + ":" + port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
