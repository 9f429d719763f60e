package jgrad.serve;

import jgrad.io.Json;

import java.util.List;
import java.util.Map;

/**
 * Typed access to a parsed JSON object (a request body or a model's {@code config.json}) whose
 * errors name the field and what was expected: {@code "max_tokens: expected an integer in
 * [1, 512], got the number 9000"}. Every failure is an {@link IllegalArgumentException}.
 */
record Fields(String context, Map<String, Object> values) {

    /** The object {@code parsed}, or an error naming what it is instead. */
    @SuppressWarnings("unchecked")
    static Fields of(String context, Object parsed) {
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(context + ": expected a JSON object, got " + Json.describe(parsed));
        }
        return new Fields(context, (Map<String, Object>) map);
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    Object required(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(context + ": missing field \"" + name + "\"");
        }
        return value;
    }

    Fields object(String name) {
        return of(context + "." + name, required(name));
    }

    String string(String name) {
        if (required(name) instanceof String s) {
            return s;
        }
        throw wrong(name, "a string");
    }

    long integer(String name, long min, long max) {
        if (required(name) instanceof Long n && n >= min && n <= max) {
            return n;
        }
        throw wrong(name, "an integer in [" + min + ", " + max + "]");
    }

    long integer(String name, long min, long max, long fallback) {
        return has(name) ? integer(name, min, max) : fallback;
    }

    double number(String name, double min, double max) {
        if (required(name) instanceof Number n && !(n instanceof java.math.BigInteger)
                && n.doubleValue() >= min && n.doubleValue() <= max) {
            return n.doubleValue();
        }
        throw wrong(name, "a number in [" + min + ", " + max + "]");
    }

    double number(String name, double min, double max, double fallback) {
        return has(name) ? number(name, min, max) : fallback;
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        if (values.get(name) instanceof Boolean b) {
            return b;
        }
        throw wrong(name, "true or false");
    }

    List<?> list(String name) {
        if (required(name) instanceof List<?> list) {
            return list;
        }
        throw wrong(name, "an array");
    }

    /** An array of integers, each in [min, max] (sizes and shapes from a file must not be trusted). */
    int[] integers(String name, int min, int max) {
        List<?> list = list(name);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n && n >= min && n <= max)) {
                throw wrong(name, "an array of integers in [" + min + ", " + max + "]");
            }
            out[i] = Math.toIntExact(n);
        }
        return out;
    }

    private IllegalArgumentException wrong(String name, String expected) {
        return new IllegalArgumentException(context + ": \"" + name + "\" must be " + expected + ", got "
                + Json.describe(values.get(name)));
    }
}
