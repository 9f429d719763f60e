package jgrad.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeded, time-bounded fuzzing of a file reader: mutants of a valid file (bit flips, cuts,
 * duplicated and deleted slices, long runs of one byte, numbers replaced by hostile ones such as
 * 2147483647) are handed to the reader, which must either accept the file or reject it with an
 * {@code IOException} or {@code IllegalArgumentException} that has a message, and must never
 * allocate far more memory than the file's size justifies.
 *
 * <p>Every failure names the case number and the seed, so it can be replayed.
 */
public final class FileFuzzer {
    private FileFuzzer() {
    }

    /** Reads one mutant; writes it to a file first if the reader needs a path. */
    @FunctionalInterface
    public interface Reader {
        void read(byte[] mutant) throws Exception;
    }

    /** Numbers that break readers that trust them: int and long limits, values just past them, huge counts. */
    private static final String[] HOSTILE_DECIMALS = {
        "2147483647", "2147483648", "-2147483648", "-1", "1000000000", "500000000", "4294967296",
        "9223372036854775807", "99999999999999999999", "1e308", "0",
    };
    private static final int[] HOSTILE_INTS = {
        Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 500_000_000, 1 << 30, 65536, 0,
    };

    /** Memory a reader may take beyond a multiple of the file's size: its own buffers, exception texts. */
    private static final long FIXED_ALLOWANCE = 64L << 20;
    /** Memory per byte of file a reader may take (parsed trees, strings, the tensors themselves). */
    private static final long PER_BYTE_ALLOWANCE = 256;

    /**
     * Runs up to {@code cases} mutants of {@code valid}, stopping early after {@code millis}.
     * Returns the number of cases run (at least one per reader is always run).
     */
    public static int fuzz(String readerName, byte[] valid, long seed, int cases, long millis, Reader reader) {
        var random = new Random(seed);
        long deadline = System.nanoTime() + millis * 1_000_000;
        int run = 0;
        while (run < cases && (run == 0 || System.nanoTime() < deadline)) {
            byte[] mutant = valid;
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                mutant = mutate(mutant, random);
            }
            byte[] file = mutant;
            var result = Allocations.measure(() -> reader.read(file));
            String where = readerName + ", case " + run + " of seed " + seed + " (" + file.length + " bytes)";
            long allowance = FIXED_ALLOWANCE + PER_BYTE_ALLOWANCE * file.length;
            if (result.bytes() > allowance) {
                fail(where + ": allocated " + (result.bytes() >> 20) + " MiB, more than the " + (allowance >> 20)
                        + " MiB the file's size justifies; outcome: " + result.thrown());
            }
            Throwable thrown = result.thrown();
            boolean clearRejection = (thrown instanceof IOException || thrown instanceof IllegalArgumentException)
                    && thrown.getMessage() != null && !thrown.getMessage().isBlank();
            if (thrown != null && !clearRejection) {
                throw new AssertionError(where + ": expected success or an IOException/IllegalArgumentException with a"
                        + " message, got " + thrown + "\nfirst bytes: " + preview(file), thrown);
            }
            run++;
        }
        return run;
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        int n = bytes.length;
        int at = n == 0 ? 0 : random.nextInt(n);
        return switch (random.nextInt(7)) {
            case 0 -> {                                                   // flip a few bits
                byte[] out = bytes.clone();
                for (int i = 0, flips = 1 + random.nextInt(4); i < flips && n > 0; i++) {
                    out[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                yield out;
            }
            case 1 -> Arrays.copyOf(bytes, at);                           // cut the file short
            case 2 -> replaceDigitRun(bytes, at, HOSTILE_DECIMALS[random.nextInt(HOSTILE_DECIMALS.length)]);
            case 3 -> {                                                   // a big-endian int32 field
                byte[] out = bytes.clone();
                int value = HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)];
                for (int i = 0; i < 4 && at + i < n; i++) {
                    out[at + i] = (byte) (value >>> (24 - 8 * i));
                }
                yield out;
            }
            case 4 -> {                                                   // duplicate a slice
                int length = random.nextInt(Math.max(1, n - at) + 1);
                yield splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, Math.min(n, at + length)));
            }
            case 5 -> splice(bytes, at, random.nextInt(Math.max(1, n - at) + 1), new byte[0]);   // delete a slice
            default -> {                                                  // a long run of one byte: deep nesting, long lines
                byte[] run = new byte[1 + random.nextInt(100_000)];
                Arrays.fill(run, n == 0 ? (byte) '[' : bytes[at]);
                yield splice(bytes, at, 0, run);
            }
        };
    }

    /** Replaces the run of ASCII digits at or after {@code from} by {@code number}; unchanged if there is none. */
    private static byte[] replaceDigitRun(byte[] bytes, int from, String number) {
        int start = from;
        while (start < bytes.length && !isDigit(bytes[start])) {
            start++;
        }
        if (start == bytes.length) {
            return bytes;
        }
        int end = start;
        while (end < bytes.length && isDigit(bytes[end])) {
            end++;
        }
        return splice(bytes, start, end - start, number.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
        at = Math.min(at, bytes.length);
        removed = Math.min(removed, bytes.length - at);
        var out = new ByteArrayOutputStream(bytes.length - removed + inserted.length);
        out.write(bytes, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(bytes, at + removed, bytes.length - at - removed);
        return out.toByteArray();
    }

    private static String preview(byte[] file) {
        String text = new String(file, 0, Math.min(file.length, 200), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^\\x20-\\x7e]", ".");
    }
}
