package dev.strata.fixes.repair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** Octal modes, owners and hashes of files: the vocabulary of backups, evidence and checksums. */
public final class FileState {
    private FileState() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String sha256(Path path) throws IOException {
        return sha256(Files.readAllBytes(path));
    }

    public static PosixFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    public static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }

    public static Set<PosixFilePermission> permissions(String octalMode) {
        int mode = Integer.parseInt(octalMode, 8);
        StringBuilder text = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            text.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(text.toString());
    }

    public static void setMode(Path path, String octalMode) throws IOException {
        Files.setPosixFilePermissions(path, permissions(octalMode));
    }

    public static void setOwner(Path path, String owner, String group) throws IOException {
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (owner != null) {
            UserPrincipal user = lookup.lookupPrincipalByName(owner);
            view.setOwner(user);
        }
        if (group != null) {
            GroupPrincipal g = lookup.lookupPrincipalByGroupName(group);
            view.setGroup(g);
        }
    }

    public static boolean groupExists(Path anyPath, String group) {
        try {
            anyPath.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
