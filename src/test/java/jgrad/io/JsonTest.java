package jgrad.io;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writesAndParsesBackNestedValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\"\\ line\nwith\ttab \u0001");
        value.put("shape", List.of(2L, 0L, -3L));
        value.put("ratio", 0.25);
        value.put("flags", Arrays.asList(true, false, null));
        value.put("nested", Map.of("k", List.of()));
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void numbersAreLongsWhenIntegral() {
        assertThat(Json.parse("[9007199254740993, 1.5e3, -0]")).isEqualTo(List.of(9007199254740993L, 1500.0, 0L));
    }

    @Test
    void malformedTextNamesThePosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 01}")).hasMessageContaining("character");
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).hasMessageContaining("expected a string key");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("unexpected text after");
        assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nesting deeper");
        assertThatThrownBy(() -> Json.parse("\"abc")).hasMessageContaining("unterminated string");
    }
}
