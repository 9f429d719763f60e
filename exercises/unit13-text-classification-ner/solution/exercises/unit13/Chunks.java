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
        var chunks = new ArrayList<Chunk>();
        String openType = null;
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String tag = i < tags.size() ? tags.get(i) : "O";
            String type = tag.equals("O") ? null : tag.substring(2);
            boolean continues = tag.startsWith("I-") && type.equals(openType);
            if (openType != null && !continues) {
                chunks.add(new Chunk(openType, start, i - 1));
                openType = null;
            }
            if (type != null && !continues) {
                openType = type;
                start = i;
            }
        }
        return chunks;
    }

    /**
     * Task 3b: entity-level F1 over a corpus of sentences: a predicted chunk is correct only if a
     * true chunk of the same sentence has the same type, start and end. Precision = correct /
     * predicted chunks, recall = correct / true chunks (over all sentences together), F1 =
     * {@code 2PR / (P + R)}, 0 where a denominator is 0.
     */
    public static double f1(List<List<String>> actual, List<List<String>> predicted) {
        long correct = 0, guessed = 0, truth = 0;
        for (int s = 0; s < actual.size(); s++) {
            var trueChunks = new HashSet<>(chunks(actual.get(s)));
            List<Chunk> predictedChunks = chunks(predicted.get(s));
            truth += trueChunks.size();
            guessed += predictedChunks.size();
            for (Chunk chunk : predictedChunks) {
                if (trueChunks.contains(chunk)) correct++;
            }
        }
        double precision = guessed == 0 ? 0 : (double) correct / guessed;
        double recall = truth == 0 ? 0 : (double) correct / truth;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
