package jgrad.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entity-level precision, recall and F1 of a tagger, as the CoNLL shared tasks' {@code conlleval}
 * script and seqeval's default mode compute them. Tags (BIO, also IOBES) are read into chunks
 * {@code (type, first token, last token)}; a predicted chunk counts only if a true chunk has the same
 * type and the same boundaries:
 * <pre>
 *   precision = correct / predicted chunks    recall = correct / true chunks    F1 = 2 P R / (P + R)
 * </pre>
 * Ill-formed sequences are read leniently, as conlleval does: {@code I-X} after {@code O} or after
 * another type starts a new chunk, and a change of type ends one. Per-type scores and the overall
 * (micro-averaged) scores are given.
 *
 * <pre>{@code
 * var scores = new EntityScores();
 * scores.add(List.of("B-PER", "I-PER", "O", "B-LOC"), List.of("B-PER", "I-PER", "O", "O"));   // true, predicted
 * scores.f1();         // 2 * 1 * 0.5 / 1.5 = 0.667
 * }</pre>
 */
public final class EntityScores {

    /** A chunk: an entity type over tokens {@code [start, end]} (inclusive) of a sentence. */
    public record Chunk(String type, int start, int end) {
    }

    /** Counts of one entity type, or of all. */
    public record Counts(long correct, long predicted, long actual) {
        public double precision() {
            return predicted == 0 ? 0 : (double) correct / predicted;
        }

        public double recall() {
            return actual == 0 ? 0 : (double) correct / actual;
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private final Map<String, long[]> byType = new TreeMap<>();   // type -> {correct, predicted, actual}
    private long tokens, correctTokens;

    /** Adds one sentence: its true tags and the predicted ones, of the same length. */
    public EntityScores add(List<String> actual, List<String> predicted) {
        if (actual.size() != predicted.size()) {
            throw new IllegalArgumentException("EntityScores.add: " + actual.size() + " true tags but " + predicted.size() + " predicted");
        }
        Set<Chunk> truth = new HashSet<>(chunks(actual));
        List<Chunk> guesses = chunks(predicted);
        for (Chunk chunk : truth) counts(chunk.type())[2]++;
        for (Chunk chunk : guesses) {
            counts(chunk.type())[1]++;
            if (truth.contains(chunk)) counts(chunk.type())[0]++;
        }
        for (int i = 0; i < actual.size(); i++) {
            tokens++;
            if (actual.get(i).equals(predicted.get(i))) correctTokens++;
        }
        return this;
    }

    private long[] counts(String type) {
        return byType.computeIfAbsent(type, t -> new long[3]);
    }

    /** All types together (micro average). */
    public Counts overall() {
        long correct = 0, predicted = 0, actual = 0;
        for (long[] c : byType.values()) {
            correct += c[0];
            predicted += c[1];
            actual += c[2];
        }
        return new Counts(correct, predicted, actual);
    }

    /** The counts of one entity type (zeros if it never occurred). */
    public Counts type(String type) {
        long[] c = byType.getOrDefault(type, new long[3]);
        return new Counts(c[0], c[1], c[2]);
    }

    /** The entity types seen, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    public double precision() {
        return overall().precision();
    }

    public double recall() {
        return overall().recall();
    }

    public double f1() {
        return overall().f1();
    }

    /** The fraction of tokens whose tag is right (conlleval's "accuracy"; O tags included). */
    public double tokenAccuracy() {
        return tokens == 0 ? 0 : (double) correctTokens / tokens;
    }

    /**
     * The chunks of a tag sequence, following conlleval's rules for where a chunk starts and ends.
     * Tags are {@code O} or {@code P-TYPE} with a prefix {@code B}, {@code I}, {@code E} or {@code S}.
     */
    public static List<Chunk> chunks(List<String> tags) {
        var chunks = new ArrayList<Chunk>();
        String previousPrefix = "O", previousType = "";
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";     // a final O closes the last chunk
            String prefix = prefixOf(tag), type = typeOf(tag);
            if (start >= 0 && endsChunk(previousPrefix, prefix, previousType, type)) {
                chunks.add(new Chunk(previousType, start, i - 1));
                start = -1;
            }
            if (startsChunk(previousPrefix, prefix, previousType, type)) start = i;
            previousPrefix = prefix;
            previousType = type;
        }
        return chunks;
    }

    private static String prefixOf(String tag) {
        if (tag.equals("O")) return "O";
        int dash = tag.indexOf('-');
        if (dash != 1 || "BIES".indexOf(tag.charAt(0)) < 0) {
            throw new IllegalArgumentException("EntityScores: tag '" + tag + "' is not O or B-/I-/E-/S- followed by a type");
        }
        return tag.substring(0, 1);
    }

    private static String typeOf(String tag) {
        return tag.equals("O") ? "" : tag.substring(2);
    }

    /** Does a chunk end just before the current tag? */
    private static boolean endsChunk(String previousPrefix, String prefix, String previousType, String type) {
        if (previousPrefix.equals("E") || previousPrefix.equals("S")) return true;
        if ((previousPrefix.equals("B") || previousPrefix.equals("I")) && (prefix.equals("B") || prefix.equals("S") || prefix.equals("O"))) {
            return true;
        }
        return !previousPrefix.equals("O") && !previousType.equals(type);
    }

    /** Does a chunk start at the current tag? */
    private static boolean startsChunk(String previousPrefix, String prefix, String previousType, String type) {
        if (prefix.equals("B") || prefix.equals("S")) return true;
        if ((previousPrefix.equals("E") || previousPrefix.equals("S") || previousPrefix.equals("O"))
                && (prefix.equals("I") || prefix.equals("E"))) {
            return true;
        }
        return !prefix.equals("O") && !previousType.equals(type);
    }

    /** A per-type table like conlleval's summary: precision, recall, F1 (in %) and chunk counts. */
    public String report() {
        var out = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s %9s %9s %9s %9s%n", "type", "precision", "recall", "f1",
                "predicted", "true"));
        for (String type : types()) row(out, type, type(type));
        row(out, "overall", overall());
        out.append(String.format(Locale.ROOT, "token accuracy %s%%%n", percent(tokenAccuracy())));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Counts counts) {
        out.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %9d %9d%n", name, percent(counts.precision()),
                percent(counts.recall()), percent(counts.f1()), counts.predicted(), counts.actual()));
    }

    private static String percent(double fraction) {
        return ClassificationReport.decimal(100 * fraction, 2);
    }
}
