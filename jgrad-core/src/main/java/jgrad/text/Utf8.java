package jgrad.text;

/**
 * UTF-8 decoding that never fails: ill-formed bytes become U+FFFD, exactly as Python's
 * {@code bytes.decode("utf-8", errors="replace")} does it.
 *
 * <p>Byte-level BPE can split a character between tokens, so a token sequence may decode to bytes
 * that are not valid UTF-8 (a model can also just emit nonsense). The rule used here is the
 * Unicode Standard's "maximal subpart" practice (section 3.9, Table 3-7 of well-formed sequences):
 * <pre>
 *   lead byte   second byte   then
 *   00..7F      -             -
 *   C2..DF      80..BF        -
 *   E0          A0..BF        80..BF
 *   E1..EC      80..BF        80..BF
 *   ED          80..9F        80..BF            (no surrogates)
 *   EE..EF      80..BF        80..BF
 *   F0          90..BF        80..BF 80..BF     (no overlong forms)
 *   F1..F3      80..BF        80..BF 80..BF
 *   F4          80..8F        80..BF 80..BF     (nothing above U+10FFFF)
 * </pre>
 * A byte that cannot start a sequence becomes one U+FFFD. A valid start followed by a byte that
 * does not fit the table becomes one U+FFFD for the start and the continuation bytes that did fit,
 * and decoding resumes at the byte that did not fit.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The replacement character U+FFFD. */
    static final char REPLACEMENT = '\uFFFD';

    /** Decodes all of {@code bytes}, replacing ill-formed sequences. */
    static String decode(byte[] bytes) {
        var out = new StringBuilder(bytes.length);
        decode(bytes, 0, bytes.length, out, true);
        return out.toString();
    }

    /**
     * Decodes {@code bytes[from, to)} into {@code out} and returns the index where decoding stopped.
     *
     * <p>With {@code endOfInput} false, a trailing sequence that is incomplete but could still
     * become valid is left undecoded and its start index is returned, so that a caller holding a
     * stream can retry once more bytes arrive. With {@code endOfInput} true everything is decoded
     * and {@code to} is returned.
     */
    static int decode(byte[] bytes, int from, int to, StringBuilder out, boolean endOfInput) {
        int i = from;
        outer:
        while (i < to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                out.append((char) lead);
                i++;
                continue;
            }
            int length = sequenceLength(lead);
            if (length == 0) {                       // 80..C1 or F5..FF: never a valid start
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            int codePoint = lead & (0xFF >> (length + 1));   // the payload bits of the lead byte
            for (int k = 1; k < length; k++) {
                if (i + k >= to) {
                    if (!endOfInput) {
                        return i;                    // incomplete: wait for more bytes
                    }
                    out.append(REPLACEMENT);
                    return to;
                }
                int next = bytes[i + k] & 0xFF;
                boolean fits = k == 1
                        ? next >= secondByteMin(lead) && next <= secondByteMax(lead)
                        : next >= 0x80 && next <= 0xBF;
                if (!fits) {
                    out.append(REPLACEMENT);         // one U+FFFD for the maximal subpart
                    i += k;
                    continue outer;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            out.appendCodePoint(codePoint);
            i += length;
        }
        return to;
    }

    /** Bytes in the sequence a lead byte starts, or 0 if it cannot start one. */
    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    private static int secondByteMin(int lead) {
        return switch (lead) {
            case 0xE0 -> 0xA0;
            case 0xF0 -> 0x90;
            default -> 0x80;
        };
    }

    private static int secondByteMax(int lead) {
        return switch (lead) {
            case 0xED -> 0x9F;
            case 0xF4 -> 0x8F;
            default -> 0xBF;
        };
    }
}
