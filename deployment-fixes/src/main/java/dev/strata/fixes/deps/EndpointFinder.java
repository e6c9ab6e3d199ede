package dev.strata.fixes.deps;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.system.ListeningSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

/**
 * Where the dependency really answers, from evidence only: the provisioned endpoint in the config
 * ({@code deps.<name>.endpoint}) if it accepts connections, or, for loopback URLs, the single local
 * listener whose process is a server of that kind. Two candidates or none: no answer, no guess.
 */
final class EndpointFinder {

    private final HostContext host;
    private final Dependency dependency;

    EndpointFinder(HostContext host, Dependency dependency) {
        this.host = host;
        this.dependency = dependency;
    }

    Optional<Endpoint> find(Endpoint configured) {
        Optional<Endpoint> provisioned = host.config().optional("deps." + dependency.name() + ".endpoint").flatMap(Endpoint::parse);
        if (provisioned.isPresent()) {
            return provisioned.filter(p -> !p.equals(configured) && accepts(p));
        }
        if (configured == null || !configured.isLoopback()) {
            return Optional.empty();
        }
        List<Endpoint> local = ListeningSockets.all().stream()
                .filter(l -> l.owner().map(o -> o.matches(dependency.processHint())).orElse(false))
                .filter(l -> l.address().startsWith("127.") || l.address().equals("0.0.0.0") || l.address().startsWith("["))
                .map(l -> new Endpoint(configured.host(), l.port())).distinct()
                .filter(e -> e.port() != configured.port()).toList();
        return local.size() == 1 ? Optional.of(local.get(0)) : Optional.empty();
    }

    private boolean accepts(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), host.config().integer("deps.timeout-seconds") * 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
