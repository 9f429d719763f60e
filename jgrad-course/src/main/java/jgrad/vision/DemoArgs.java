package jgrad.vision;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} options of a vision demo, each with a default in the code that reads it.
 * Unknown names are an error, so a typo never runs a silently different experiment.
 */
public final class DemoArgs {
    private final Map<String, String> values = new HashMap<>();
    private final String demo;

    /** Parses {@code args} against the allowed option names (without the leading dashes). */
    public DemoArgs(String demo, String[] args, String... allowed) {
        this.demo = demo;
        var names = java.util.Set.of(allowed);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(demo + ": expected --name value pairs, got \"" + arg + "\"; options: " + names);
            }
            String name = arg.substring(2);
            if (!names.contains(name)) {
                throw new IllegalArgumentException(demo + ": unknown option --" + name + "; options: " + names);
            }
            values.put(name, args[++i]);
        }
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        try {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(demo + ": --" + name + " expects an integer, got " + values.get(name));
        }
    }

    public double number(String name, double fallback) {
        try {
            return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(demo + ": --" + name + " expects a number, got " + values.get(name));
        }
    }

    public boolean flag(String name, boolean fallback) {
        return values.containsKey(name) ? Boolean.parseBoolean(values.get(name)) : fallback;
    }
}
