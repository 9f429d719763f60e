package jgrad.data;

import jgrad.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Fetches a file into a cache only when it is not there yet, and accepts it only if its SHA-256
 * matches: a wrong or truncated download never lands at the target path.
 */
public final class Downloads {
    private Downloads() {
    }

    /**
     * Makes sure {@code target} exists with the given SHA-256 (lowercase hex), downloading it from
     * {@code source} (http, https or file URI) when missing. An existing file with the wrong hash is
     * replaced. Returns the target.
     */
    public static Path fetch(URI source, Path target, String sha256) throws IOException {
        if (Files.exists(target) && sha256(target).equals(sha256)) {
            return target;
        }
        URLConnection connection = source.toURL().openConnection();
        connection.setConnectTimeout(30_000);
        connection.setReadTimeout(60_000);
        MessageDigest digest = newDigest();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (InputStream in = new DigestInputStream(connection.getInputStream(), digest)) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new IOException("download of " + source + " has SHA-256 " + actual + " but " + sha256
                        + " was expected; the file was discarded (is the mirror serving a different file?)");
            }
            AtomicFiles.write(target, out -> Files.copy(partial, out));
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The SHA-256 of a file as lowercase hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
