package jgrad.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Random text for property tests: valid Unicode from the scripts and symbols tokenizers meet. */
final class TextArbitraries {
    private TextArbitraries() {
    }

    /**
     * Strings of up to {@code maxLength} code points: ASCII letters, digits, spaces and punctuation,
     * newlines and tabs, Latin-1, combining accents, Greek and Cyrillic, CJK, emoji (with zero-width
     * joiners and skin-tone modifiers), exotic whitespace and the odd supplementary-plane letter.
     */
    static Arbitrary<String> unicodeText(int maxLength) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.integers().between('a', 'z')),
                Tuple.of(10, Arbitraries.of((int) ' ', (int) ' ', (int) '\n', (int) '\t', 0x00A0, 0x2003, 0x3000)),
                Tuple.of(8, Arbitraries.integers().between(0x21, 0x7E)),
                Tuple.of(5, Arbitraries.integers().between('0', '9')),
                Tuple.of(5, Arbitraries.integers().between(0xA1, 0xFF)),
                Tuple.of(5, Arbitraries.integers().between(0x0300, 0x036F)),
                Tuple.of(5, Arbitraries.integers().between(0x0391, 0x044F)),
                Tuple.of(5, Arbitraries.integers().between(0x4E00, 0x4FFF)),
                Tuple.of(8, Arbitraries.integers().between(0x1F300, 0x1F64F)),
                Tuple.of(2, Arbitraries.of(0x200D, 0xFE0F, 0x1F3FB, 0x1F3FF)),
                Tuple.of(2, Arbitraries.integers().between(0x10400, 0x1044F)),
                Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)));
        return codePoint.list().ofMaxSize(maxLength)
                .map(codePoints -> new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size()));
    }
}
