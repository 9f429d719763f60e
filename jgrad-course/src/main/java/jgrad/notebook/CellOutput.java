package jgrad.notebook;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One output of a code cell, in the three nbformat kinds this runner produces. */
public sealed interface CellOutput {

    /** The nbformat JSON object for this output; {@code executionCount} labels an execute_result. */
    Map<String, Object> toJson(int executionCount);

    /** Text the cell printed, on {@code stdout} or {@code stderr}. */
    record Stream(String name, String text) implements CellOutput {
        public Map<String, Object> toJson(int executionCount) {
            var json = new LinkedHashMap<String, Object>();
            json.put("output_type", "stream");
            json.put("name", name);
            json.put("text", Notebook.lines(text));
            return json;
        }
    }

    /** The value of the cell's last expression, as Jupyter shows it under {@code Out[n]}. */
    record Result(String text) implements CellOutput {
        public Map<String, Object> toJson(int executionCount) {
            var json = new LinkedHashMap<String, Object>();
            json.put("output_type", "execute_result");
            json.put("execution_count", (long) executionCount);
            json.put("metadata", new LinkedHashMap<>());
            json.put("data", Map.of("text/plain", Notebook.lines(text)));
            return json;
        }
    }

    /** A PNG image shown with {@link Display#png}. */
    record Image(byte[] png) implements CellOutput {
        public Map<String, Object> toJson(int executionCount) {
            var json = new LinkedHashMap<String, Object>();
            json.put("output_type", "display_data");
            json.put("metadata", new LinkedHashMap<>());
            json.put("data", mimeBundle());
            return json;
        }

        /** The image as Jupyter's data by MIME type: the PNG in base64, and a line for text-only viewers. */
        public Map<String, Object> mimeBundle() {
            var data = new LinkedHashMap<String, Object>();
            data.put("image/png", Base64.getEncoder().encodeToString(png));
            data.put("text/plain", "<PNG image, " + png.length + " bytes>");
            return data;
        }

        @Override
        public String toString() {
            return "Image[" + png.length + " bytes]";
        }
    }
}
