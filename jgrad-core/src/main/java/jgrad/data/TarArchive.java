package jgrad.data;

import jgrad.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reads a tar stream (ustar / POSIX), enough to unpack a data set archive: each entry is a
 * 512-byte header (name at 0..99, size as octal text at 124..135, type flag at 156, name prefix at
 * 345..499), then the content padded to a multiple of 512 bytes; two zero blocks end the archive.
 * Only regular files are extracted; every size is checked before it is trusted.
 */
public final class TarArchive {
    private TarArchive() {
    }

    private static final int BLOCK = 512;

    /**
     * Writes each regular file whose name {@code destination} maps to a path there (atomically);
     * entries it maps to null are skipped. Returns the number of files written.
     */
    public static int extract(InputStream in, Function<String, Path> destination) throws IOException {
        int written = 0;
        byte[] header = new byte[BLOCK];
        while (readFully(in, header)) {
            if (isZero(header)) {
                return written;
            }
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            long size = octal(header, 124, 12, name);
            char type = (char) header[156];
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            Path target = (type == '0' || type == 0) ? destination.apply(name) : null;
            if (target == null) {
                skip(in, padded, name);
                continue;
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("tar: entry " + name + " is too large to extract (" + size + " bytes)");
            }
            // readNBytes grows its buffer as bytes arrive, so a header that lies about the size costs
            // only what the archive really holds.
            byte[] content = in.readNBytes((int) size);
            if (content.length != size) {
                throw new IOException("tar: archive ends inside entry " + name + " (expected " + size + " bytes, found "
                        + content.length + ")");
            }
            skip(in, padded - size, name);
            AtomicFiles.write(target, out -> out.write(content));
            written++;
        }
        throw new IOException("tar: archive ends without its two zero blocks (truncated?)");
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int done = 0;
        while (done < buffer.length) {
            int n = in.read(buffer, done, buffer.length - done);
            if (n < 0) {
                if (done == 0) return false;
                throw new IOException("tar: archive ends inside a block (" + done + " of " + buffer.length + " bytes)");
            }
            done += n;
        }
        return true;
    }

    private static void skip(InputStream in, long bytes, String name) throws IOException {
        try {
            in.skipNBytes(bytes);
        } catch (java.io.EOFException e) {
            throw new IOException("tar: archive ends inside entry " + name, e);
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) if (b != 0) return false;
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) end++;
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII).trim();
    }

    private static long octal(byte[] header, int offset, int length, String name) throws IOException {
        String digits = text(header, offset, length);
        if (digits.isEmpty() || !digits.matches("[0-7]+")) {
            throw new IOException("tar: entry " + name + " has a malformed size field \"" + digits + "\" (expected octal digits)");
        }
        return Long.parseLong(digits, 8);
    }
}
