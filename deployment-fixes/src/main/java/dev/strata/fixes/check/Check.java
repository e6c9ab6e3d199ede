package dev.strata.fixes.check;

/** One read-only check: it may read files, probe sockets and run read-only commands, never change anything. */
public interface Check {
    String name();

    Area area();

    Finding run();
}
