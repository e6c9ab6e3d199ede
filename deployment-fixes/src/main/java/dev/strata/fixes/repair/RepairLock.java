package dev.strata.fixes.repair;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One repairing strata-fix per host: two engineers fixing at once would back up each other's
 * half-made changes. An OS file lock, so a crashed run never leaves a stale lock behind.
 */
public final class RepairLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RepairLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Empty when another process holds the lock. */
    public static Optional<RepairLock> tryAcquire(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve("repair.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this same JVM (embedded use, tests): just as busy
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new RepairLock(channel, lock));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
