package jgrad.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON answer of a classifier: {@code {"id": ..., "label": "7", "class": 7, "probabilities": [...]}}. */
final class ClassAnswer {
    private ClassAnswer() {
    }

    /** The answer for one request: the most probable class, its label, all probabilities; {@code id} echoed when given. */
    static Map<String, Object> of(Object id, List<String> labels, float[] probabilities) {
        int best = 0;
        List<Object> values = new ArrayList<>(probabilities.length);
        for (int c = 0; c < probabilities.length; c++) {
            if (probabilities[c] > probabilities[best]) {
                best = c;
            }
            values.add((double) probabilities[c]);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (id != null) {
            out.put("id", id);
        }
        out.put("label", best < labels.size() ? labels.get(best) : Integer.toString(best));
        out.put("class", best);
        out.put("probabilities", values);
        return out;
    }
}
