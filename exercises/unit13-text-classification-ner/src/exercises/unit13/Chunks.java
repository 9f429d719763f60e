package exercises.unit13;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Unit 13 exercise, task 3: entities from BIO tags, and entity-level F1. */
public final class Chunks {
    private Chunks() {
    }

    /** An entity: its type over tokens {@code start..end}, both inclusive. */
    public record Chunk(String type, int start, int end) {
    }

    /**
     * Task 3a: the chunks of a BIO tag sequence ({@code O}, {@code B-X}, {@code I-X}), read the way
     * the CoNLL script {@code conlleval} reads them: {@code B-X} always starts a chunk; {@code I-X}
     * continues the open chunk if it has type {@code X}, and otherwise (after {@code O} or inside a
     * chunk of another type) starts a new one; {@code O} closes the open chunk.
     */
    public static List<Chunk> chunks(List<String> tags) {
        // TODO(task 3): walk the tags once, closing the open chunk where it ends and opening one where a chunk starts
        throw new UnsupportedOperationException("TODO task 3");
    }

    /**
     * Task 3b: entity-level F1 over a corpus of sentences: a predicted chunk is correct only if a
     * true chunk of the same sentence has the same type, start and end. Precision = correct /
     * predicted chunks, recall = correct / true chunks (over all sentences together), F1 =
     * {@code 2PR / (P + R)}, 0 where a denominator is 0.
     */
    public static double f1(List<List<String>> actual, List<List<String>> predicted) {
        // TODO(task 3): count correct, predicted and true chunks over every sentence
        throw new UnsupportedOperationException("TODO task 3");
    }
}
