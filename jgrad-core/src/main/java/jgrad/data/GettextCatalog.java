package jgrad.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader of GNU gettext's compiled message catalogues ({@code .mo} files, e.g.
 * {@code /usr/share/locale/fr/LC_MESSAGES/grep.mo}): the English messages of a program with their
 * translations, a parallel corpus that every Debian system carries.
 *
 * <p>The format (GNU gettext manual, "The Format of GNU MO Files"): a header of 32-bit words in the
 * byte order of the machine that wrote it,
 * <pre>
 *   0   magic 0x950412de (read as 0xde120495: the other byte order)
 *   4   file format revision (major revision 0 or 1 are read)
 *   8   N, the number of strings
 *   12  O, offset of the table of original strings        N entries of (length, offset)
 *   16  T, offset of the table of translated strings      N entries of (length, offset)
 *   20  S, H: size and offset of a hash table (not needed to read every message)
 * </pre>
 * Each string is {@code length} bytes at {@code offset}, followed by a NUL. An original string may be
 * {@code context EOT id} (a {@code msgctxt}) and {@code id NUL plural}; a translation of a plural
 * message holds its forms separated by NUL. The message with the empty id is the catalogue's header,
 * whose {@code Content-Type: ...; charset=...} line names the encoding of every string. Every count,
 * length and offset is checked against the file's size before it is used, so a damaged file gives an
 * {@link IllegalArgumentException} naming the file and the field, never an out-of-bounds read.
 *
 * <pre>{@code
 * for (GettextCatalog.Message m : GettextCatalog.read(Path.of("/usr/share/locale/fr/LC_MESSAGES/grep.mo")).messages())
 *     System.out.println(m.id() + " -> " + m.translation());
 * }</pre>
 */
public record GettextCatalog(String header, List<Message> messages) {

    /** The magic number in the writer's byte order. */
    public static final int MAGIC = 0x950412de;
    private static final int HEADER_BYTES = 28;
    private static final Pattern CHARSET = Pattern.compile("charset=([A-Za-z0-9_.:-]+)");

    /**
     * One message: its context (or null), its English id, the plural id (or null) and the translations
     * (one, or one per plural form).
     */
    public record Message(String context, String id, String idPlural, List<String> translations) {
        public Message {
            translations = List.copyOf(translations);
        }

        /** The first (singular) translation. */
        public String translation() {
            return translations.get(0);
        }
    }

    public GettextCatalog {
        messages = List.copyOf(messages);
    }

    /** Reads a {@code .mo} file. */
    public static GettextCatalog read(Path path) throws IOException {
        return parse(Files.readAllBytes(path), path.toString());
    }

    /** Parses the bytes of a {@code .mo} file; {@code source} names it in error messages. */
    public static GettextCatalog parse(byte[] bytes, String source) {
        if (bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException("GettextCatalog: " + source + " has " + bytes.length + " bytes, fewer than the "
                    + HEADER_BYTES + "-byte header of a .mo file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buffer.getInt(0);
        if (magic == Integer.reverseBytes(MAGIC)) {
            buffer.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "GettextCatalog: %s is not a .mo file: magic 0x%08x, expected 0x%08x in either byte order", source, magic, MAGIC));
        }
        long revision = unsigned(buffer, 4);
        if (revision >>> 16 > 1) {
            throw new IllegalArgumentException("GettextCatalog: " + source + " has format revision " + (revision >>> 16) + "."
                    + (revision & 0xffff) + "; major revisions 0 and 1 are read");
        }
        long count = unsigned(buffer, 8), originals = unsigned(buffer, 12), translations = unsigned(buffer, 16);
        checkTable(source, "original strings", count, originals, bytes.length);
        checkTable(source, "translations", count, translations, bytes.length);
        byte[][] ids = new byte[(int) count][], strs = new byte[(int) count][];
        for (int i = 0; i < count; i++) {
            ids[i] = string(buffer, source, "original string " + i, originals + 8L * i);
            strs[i] = string(buffer, source, "translation " + i, translations + 8L * i);
        }
        Charset charset = charset(ids, strs, source);
        String header = "";
        var messages = new ArrayList<Message>();
        for (int i = 0; i < count; i++) {
            String original = new String(ids[i], charset), translated = new String(strs[i], charset);
            if (original.isEmpty()) {
                header = translated;
                continue;
            }
            String context = null;
            int eot = original.indexOf('\u0004');
            if (eot >= 0) {
                context = original.substring(0, eot);
                original = original.substring(eot + 1);
            }
            int nul = original.indexOf('\0');
            String id = nul < 0 ? original : original.substring(0, nul);
            String plural = nul < 0 ? null : original.substring(nul + 1);
            messages.add(new Message(context, id, plural, Arrays.asList(translated.split("\0", -1))));
        }
        return new GettextCatalog(header, messages);
    }

    private static long unsigned(ByteBuffer buffer, long position) {
        return Integer.toUnsignedLong(buffer.getInt((int) position));
    }

    private static void checkTable(String source, String name, long count, long offset, int size) {
        if (offset + 8 * count > size) {
            throw new IllegalArgumentException("GettextCatalog: " + source + ": the table of " + name + " (" + count
                    + " entries of 8 bytes at offset " + offset + ") runs past the end of the file (" + size + " bytes)");
        }
    }

    /** The bytes of the string whose (length, offset) entry is at {@code entry}, checked against the file's size. */
    private static byte[] string(ByteBuffer buffer, String source, String what, long entry) {
        long length = unsigned(buffer, entry), offset = unsigned(buffer, entry + 4);
        if (offset + length >= buffer.capacity()) {
            throw new IllegalArgumentException("GettextCatalog: " + source + ": " + what + " (" + length + " bytes at offset "
                    + offset + ", then NUL) runs past the end of the file (" + buffer.capacity() + " bytes)");
        }
        byte[] out = new byte[(int) length];
        buffer.get((int) offset, out);
        return out;
    }

    /** The charset the header names (UTF-8 when there is no header or it names none). */
    private static Charset charset(byte[][] ids, byte[][] strs, String source) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != 0) continue;
            Matcher matcher = CHARSET.matcher(new String(strs[i], StandardCharsets.US_ASCII));
            if (!matcher.find() || matcher.group(1).equalsIgnoreCase("CHARSET")) return StandardCharsets.UTF_8;
            try {
                return Charset.forName(matcher.group(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("GettextCatalog: " + source + " names the charset '" + matcher.group(1)
                        + "', which this JVM does not know", e);
            }
        }
        return StandardCharsets.UTF_8;
    }
}
