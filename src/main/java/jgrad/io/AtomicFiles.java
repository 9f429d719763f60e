package jgrad.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files all-or-nothing: the bytes go to a temporary file in the target's own
 * directory, which is then renamed over the target. A reader never sees a half-written
 * file, and a crash leaves the old file (if any) in place.
 *
 * <pre>{@code
 * AtomicFiles.writeString(Path.of("out/graph.dot"), "digraph { a -> b }");
 * }</pre>
 */
public final class AtomicFiles {

    /** Writes the content of a file to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code content} to {@code target}, creating missing parent directories. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        // Same directory as the target: a rename within one file system can be atomic.
        // Not Files.createTempFile: its owner-only permissions would carry over to the target.
        Path temporary = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
                content.writeTo(out);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code target}, creating missing parent directories. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
