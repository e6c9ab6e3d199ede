package dev.strata.fixes.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The areas `check <area>` and `fix <area>` accept, in the order repairs are attempted. */
public enum Area {
    ENV, DEPS, HOST, BACKEND, NGINX, FRONTEND;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Area> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.id().equals(text)).findFirst();
    }
}
