package jgrad.examples.dialogue;

import jgrad.train.EntityScores;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one user turn says: its intent and its slot values ({@code CITY -> "Lyon"}). Built from the
 * tokens and their BIO tags; when a slot occurs twice, the last value counts.
 */
public record Frame(String intent, Map<String, String> slots) {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");

    public Frame {
        slots = Map.copyOf(slots);
    }

    /** The frame of tokens tagged in BIO: every chunk becomes a slot, its words joined by spaces. */
    public static Frame of(String intent, List<String> tokens, List<String> tags) {
        var slots = new TreeMap<String, String>();
        for (EntityScores.Chunk chunk : EntityScores.chunks(tags)) {
            slots.put(chunk.type(), String.join(" ", tokens.subList(chunk.start(), chunk.end() + 1)));
        }
        return new Frame(intent, slots);
    }

    /** Splits an utterance into words, numbers (or mixed letters and digits, like {@code K4821}) and single punctuation marks; case is kept. */
    public static List<String> tokens(String utterance) {
        Matcher matcher = TOKEN.matcher(utterance);
        return matcher.results().map(m -> m.group()).toList();
    }
}
