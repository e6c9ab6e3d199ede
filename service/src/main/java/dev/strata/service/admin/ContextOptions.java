package dev.strata.service.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that reads the server's configuration. The configuration itself
 * comes from where the server takes it (application.yml, environment variables, profiles); these
 * only add overrides, with the highest precedence, as {@code --name=value} would on the server.
 */
public final class ContextOptions {

    @Option(names = "-D", paramLabel = "property=value", description = "Override a server property, e.g. -Dstrata.warm.url=redis://cache:6379.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--profile", paramLabel = "name", split = ",", description = "Spring profile(s) to activate, as the server's SPRING_PROFILES_ACTIVE.")
    List<String> profiles = new ArrayList<>();

    /** The overrides as Spring command-line arguments. */
    public String[] springArguments() {
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        if (!profiles.isEmpty()) {
            args.add("--spring.profiles.active=" + String.join(",", profiles));
        }
        return args.toArray(String[]::new);
    }
}
