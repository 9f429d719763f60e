package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

    // ---- values ---------------------------------------------------------------------------------

    @Test
    void objectsKeepTheirFieldOrder() throws Exception {
        var object = (Map<?, ?>) Json.parse("{\"b\": 1, \"a\": 2, \"c\": 3}");
        assertThat(List.<Object>copyOf(object.keySet())).containsExactly("b", "a", "c");
    }

    @Test
    void integersAreLongsAndOtherNumbersDoubles() throws Exception {
        assertThat(Json.parse("[9007199254740993, 1.5e3, -0, 0.0, 1E-2, -2.5e+1, 9223372036854775807, -9223372036854775808]"))
                .as("2^53 + 1 has no exact double, so integers must not pass through one")
                .isEqualTo(List.of(9007199254740993L, 1500.0, 0L, 0.0, 0.01, -25.0, Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void integersBeyond64BitsKeepEveryDigit() throws Exception {
        String digits = "123456789012345678901234567890";
        assertThat(Json.parse(digits)).isEqualTo(new BigInteger(digits));
        assertThat(Json.parse("-9223372036854775809")).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
        assertThat(Json.write(Json.parse(digits))).isEqualTo(digits);
    }

    @Test
    void literalsAndWhitespace() throws Exception {
        assertThat(Json.parse(" \t\r\n[true,false,null]\n")).isEqualTo(Arrays.asList(true, false, null));
    }

    @Test
    void everyStringEscapeDecodes() throws Exception {
        assertThat(Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u00C9\"")).isEqualTo("\" \\ / \b \f \n \r \t é É");
    }

    @Test
    void aSurrogatePairOfEscapesIsOneCharacter() throws Exception {
        String grinning = new String(Character.toChars(0x1F600));
        assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo(grinning);
        assertThat(Json.parse("\"\\uD83D\\uDE00\"")).isEqualTo(grinning);
        assertThat(Json.parse("\"" + grinning + "\"")).as("the character itself, unescaped").isEqualTo(grinning);
    }

    @Test
    void aLoneSurrogateReadsAndWritesBackAsAnEscape() throws Exception {
        assertThat(Json.parse("\"\\ud800x\"")).isEqualTo("\ud800x");
        assertThat(Json.write("\ud800x")).as("no UTF-8 file can hold a lone surrogate raw").isEqualTo("\"\\ud800x\"");
        assertThat(Json.write("x\udc00")).isEqualTo("\"x\\udc00\"");
    }

    // ---- malformed text: each error names the line and column ------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                     | line 1, column 1: unexpected end of input, expected a value",
            "{\"a\": 01}            | line 1, column 8: expected ',' or '}' after a value, got '1}'",
            "{\"a\": 1,}            | line 1, column 9: expected '\"' to start a key, got '}'",
            "{\"a\" 1}              | line 1, column 6: expected ':' after a key, got '1}'",
            "{1: 2}                 | line 1, column 2: expected '\"' to start a key, got '1: 2}'",
            "{\"a\": 1, \"a\": 2}   | line 1, column 10: duplicate key \"a\"",
            "{\"a\": 1              | line 1, column 8: unexpected end of input, expected ',' or '}' after a value",
            "[1,]                   | line 1, column 4: expected a value, got ']'",
            "[1 2]                  | line 1, column 4: expected ',' or ']' after a value, got '2]'",
            "[1] x                  | line 1, column 5: expected the end of the text after the JSON value, got 'x'",
            "\"abc                  | line 1, column 1: unterminated string",
            "\"abc\\                | line 1, column 1: unterminated string",
            "\"\\q\"                | line 1, column 2: unknown escape '\\q'",
            "\"\\u12\"              | line 1, column 2: expected four hex digits after '\\u'",
            "\"\\u+123\"            | line 1, column 2: expected four hex digits after '\\u'",
            "-                      | line 1, column 2: unexpected end of input, expected a digit",
            "-a                     | line 1, column 2: expected a digit, got 'a'",
            "1.                     | line 1, column 3: unexpected end of input, expected a digit after '.'",
            "1.e5                   | line 1, column 3: expected a digit after '.', got 'e5'",
            "1e+                    | line 1, column 4: unexpected end of input, expected a digit in the exponent",
            ".5                     | line 1, column 1: expected a value, got '.5'",
            "+1                     | line 1, column 1: expected a value, got '+1'",
            "1e999                  | line 1, column 1: the number 1e999 is too large for a double",
            "NaN                    | line 1, column 1: expected a value, got 'NaN'",
            "tru                    | line 1, column 1: expected true, got 'tru'",
            "nul]                   | line 1, column 1: expected null, got 'nul]'",
            "// note                | line 1, column 1: expected a value, got '// note'",
    })
    void malformedTextIsRejectedWithItsLineAndColumn(String text, String message) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.SyntaxException.class).hasMessage(message);
    }

    @Test
    void linesAndColumnsCountFromOneAfterEachNewline() {
        assertThatThrownBy(() -> Json.parse("{\n \"cells\": [,]\n}"))
                .hasMessage("line 2, column 12: expected a value, got ',]'");
        assertThatThrownBy(() -> Json.parse("[\"a\",\n\"b\tc\"]"))
                .hasMessage("line 2, column 3: control character U+0009 in a string (write it as an escape)");
    }

    /** {@code depth} lists nested in one another: [[[...]]]. */
    private static Object nested(int depth) {
        Object value = List.of();
        for (int d = 1; d < depth; d++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void writingIsBoundedLikeParsingSoDeepOrCyclicStructuresCannotOverflowTheStack() throws Exception {
        int limit = Json.MAX_DEPTH;
        String deepest = Json.write(nested(limit));
        assertThat(Json.parse(deepest)).as("what the writer writes, the parser reads").isEqualTo(nested(limit));
        assertThat(Json.writeJupyter(nested(limit))).startsWith("[\n [\n  [");
        assertThatThrownBy(() -> Json.write(nested(limit + 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesting deeper than " + limit + " levels");
        assertThatThrownBy(() -> Json.write(nested(100_000))).as("100,000 levels: an error, not a StackOverflowError")
                .isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        assertThatThrownBy(() -> Json.writeJupyter(cyclic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is the structure cyclic?");
    }

    @Test
    void theSourceNameStartsTheMessage() {
        assertThatThrownBy(() -> Json.parse("[", "model.json"))
                .hasMessage("model.json: line 1, column 2: unexpected end of input, expected a value");
    }

    @Test
    void nestingIsBoundedSoHostileTextCannotOverflowTheStack() throws Exception {
        int limit = Json.MAX_DEPTH;
        assertThat(Json.parse("[".repeat(limit) + "]".repeat(limit))).as("%d levels are allowed", limit).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(limit + 1) + "]".repeat(limit + 1)))
                .hasMessage("line 1, column %d: nesting deeper than %d levels", limit + 1, limit);
        assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(limit + 1) + "1" + "}".repeat(limit + 1)))
                .hasMessageContaining("nesting deeper than " + limit + " levels");
        assertThatThrownBy(() -> Json.parse("[".repeat(1_000_000)))
                .as("a million brackets: an error, not a StackOverflowError")
                .isInstanceOf(Json.SyntaxException.class);
    }

    // ---- writing --------------------------------------------------------------------------------

    private static Map<String, Object> sample() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\"\\ line\nwith\ttab \u0001\b\f é 😀");
        value.put("shape", List.of(2L, 0L, -3L));
        value.put("ratio", 0.25);
        value.put("flags", Arrays.asList(true, false, null));
        value.put("nested", Map.of("k", List.of()));
        value.put("empty", Map.of());
        return value;
    }

    @Test
    void compactFormKeepsKeyOrderAndHasNoWhitespace() {
        assertThat(Json.write(sample())).isEqualTo("{\"name\":\"a \\\"quoted\\\"\\\\ line\\nwith\\ttab \\u0001\\b\\f é 😀\","
                + "\"shape\":[2,0,-3],\"ratio\":0.25,\"flags\":[true,false,null],\"nested\":{\"k\":[]},\"empty\":{}}");
    }

    /** The expected text is Python's json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False) + "\n". */
    @Test
    void jupyterLayoutIsPythonsIndentOneSortedKeysAndRawUnicode() {
        assertThat(Json.writeJupyter(sample())).isEqualTo("""
                {
                 "empty": {},
                 "flags": [
                  true,
                  false,
                  null
                 ],
                 "name": "a \\"quoted\\"\\\\ line\\nwith\\ttab \\u0001\\b\\f é 😀",
                 "nested": {
                  "k": []
                 },
                 "ratio": 0.25,
                 "shape": [
                  2,
                  0,
                  -3
                 ]
                }
                """);
    }

    @Test
    void bothLayoutsParseBackToTheSameValue() throws Exception {
        assertThat(Json.parse(Json.write(sample()))).isEqualTo(sample());
        assertThat(Json.parse(Json.writeJupyter(sample()))).isEqualTo(sample());
    }

    @Test
    void theCourseNotebooksReadAndWriteBackByteForByte() throws Exception {
        try (var files = Files.list(Path.of("notebooks"))) {
            List<Path> notebooks = files.filter(file -> file.toString().endsWith(".ipynb")).sorted().toList();
            assertThat(notebooks).isNotEmpty();
            for (Path file : notebooks) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertThat(Json.writeJupyter(Json.parse(text, file.toString()))).as("%s written back", file).isEqualTo(text);
            }
        }
    }

    @Test
    void valuesJsonCannotHoldAreRefused() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessage("JSON cannot hold NaN");
        assertThatThrownBy(() -> Json.write(List.of(Double.POSITIVE_INFINITY))).hasMessage("JSON cannot hold Infinity");
        assertThatThrownBy(() -> Json.write(Map.of(1, "one"))).hasMessage("JSON object keys are strings, not 1");
        assertThatThrownBy(() -> Json.write(new Object())).hasMessage("JSON cannot hold a java.lang.Object");
    }

    @Test
    void describeNamesAValueForErrorMessages() {
        assertThat(Json.describe(3L)).isEqualTo("the number 3");
        assertThat(Json.describe("x")).isEqualTo("the string \"x\"");
        assertThat(Json.describe(List.of())).isEqualTo("an array");
        assertThat(Json.describe(Map.of())).isEqualTo("an object");
        assertThat(Json.describe(true)).isEqualTo("the boolean true");
        assertThat(Json.describe(null)).isEqualTo("nothing");
    }
}
