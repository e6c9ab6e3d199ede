package dev.strata.fixes.system;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Listening TCP sockets from /proc/net/tcp{,6} and the processes that own them (inode → pid via
 * /proc/<pid>/fd). Reading other users' fds needs root; without it the owner is simply unknown.
 */
public final class ListeningSockets {

    public record Listener(int port, String address, Optional<ProcessInfo> owner) {
        public String describe() {
            return address + ":" + port + " by " + owner.map(ProcessInfo::describe).orElse("an unidentified process");
        }
    }

    private static final String LISTEN_STATE = "0A";

    private ListeningSockets() {
    }

    public static List<Listener> on(int port) {
        return all().stream().filter(l -> l.port() == port).toList();
    }

    public static List<Listener> all() {
        Map<Long, String> inodes = new HashMap<>();
        Map<Long, Integer> ports = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).stream().skip(1).toList()) {
                    String[] f = line.trim().split("\\s+");
                    String[] local = f[1].split(":");
                    if (f[3].equals(LISTEN_STATE)) {
                        inodes.put(Long.parseLong(f[9]), decodeAddress(local[0]));
                        ports.put(Long.parseLong(f[9]), Integer.parseInt(local[1], 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a missing table (no IPv6) just contributes no listeners
            }
        }
        Map<Long, ProcessInfo> owners = ownersOf(inodes.keySet());
        List<Listener> listeners = new ArrayList<>();
        inodes.forEach((inode, address) -> listeners.add(new Listener(ports.get(inode), address, Optional.ofNullable(owners.get(inode)))));
        return listeners;
    }

    public static boolean isListening(int port) {
        return !on(port).isEmpty();
    }

    private static Map<Long, ProcessInfo> ownersOf(java.util.Set<Long> inodes) {
        Map<Long, ProcessInfo> owners = new HashMap<>();
        if (inodes.isEmpty()) {
            return owners;
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            long inode = Long.parseLong(target.substring(8, target.length() - 1));
                            if (inodes.contains(inode)) {
                                ProcessInfo.of(Long.parseLong(proc.getFileName().toString()))
                                        .ifPresent(info -> owners.putIfAbsent(inode, info));
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // processes come and go, and others' fds need root: skip what cannot be read
                }
            }
        } catch (IOException e) {
            return owners;
        }
        return owners;
    }

    private static String decodeAddress(String hex) {
        if (hex.length() == 8) {
            long v = Long.parseLong(hex, 16);
            return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
        }
        if (hex.startsWith("0000000000000000FFFF0000")) {
            // An IPv4-mapped IPv6 socket (Java binds these): show the IPv4 address it really serves.
            return decodeAddress(hex.substring(24));
        }
        return hex.equals("00000000000000000000000000000000") ? "[::]" : "[ipv6]";
    }
}
