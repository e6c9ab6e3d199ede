package dev.strata.fixes.deps;

import dev.strata.fixes.HostContext;
import dev.strata.fixes.system.ListeningSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;

/**
 * Where the dependency really answers. Only the provisioned endpoint ({@code deps.<name>.endpoint},
 * written by the infrastructure program) counts as evidence: a local server of the same kind on
 * another port may be a different database, so it is shown as a hint and never repaired towards.
 */
final class EndpointFinder {

    private final HostContext host;
    private final Dependency dependency;

    EndpointFinder(HostContext host, Dependency dependency) {
        this.host = host;
        this.dependency = dependency;
    }

    Optional<Endpoint> provisioned() {
        return host.config().optional("deps." + dependency.name() + ".endpoint").flatMap(Endpoint::parse);
    }

    /** The provisioned endpoint, if it differs from the URL's and accepts connections. */
    Optional<Endpoint> find(Endpoint configured) {
        return provisioned().filter(p -> !p.equals(configured) && accepts(p));
    }

    /** Ports on which a local process of this kind listens (a hint for the operator, not a repair target). */
    List<Integer> localListenerPorts() {
        return ListeningSockets.all().stream()
                .filter(l -> l.owner().map(o -> o.name().startsWith(dependency.processHint())).orElse(false))
                .map(ListeningSockets.Listener::port).distinct().sorted().toList();
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
