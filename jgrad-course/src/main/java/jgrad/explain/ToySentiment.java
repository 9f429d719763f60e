package jgrad.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated sentiment task where the answer is known word by word, so token attributions can be
 * checked: each sentence has 5 to 9 neutral words and one or two sentiment words, and is positive
 * when its sentiment words sum above zero (ties are avoided). A good explanation should point at
 * the sentiment words.
 */
public final class ToySentiment {
    public static final List<String> POSITIVE = List.of("good", "great", "love", "excellent", "fun", "wonderful");
    public static final List<String> NEGATIVE = List.of("bad", "awful", "hate", "boring", "poor", "terrible");
    public static final List<String> NEUTRAL = List.of("the", "a", "movie", "film", "plot", "actor", "was", "is", "and", "this",
            "story", "music", "it", "very", "quite", "scene", "ending", "i", "found", "really");

    /** A sentence as word ids of {@link #vocabulary()}, its label (1 positive) and which positions hold sentiment words. */
    public record Sentence(int[] ids, int label, boolean[] sentiment) {
    }

    private ToySentiment() {
    }

    /** All words, id = position: neutral first, then positive, then negative. */
    public static List<String> vocabulary() {
        List<String> words = new ArrayList<>(NEUTRAL);
        words.addAll(POSITIVE);
        words.addAll(NEGATIVE);
        return words;
    }

    public static List<Sentence> generate(int n, long seed) {
        var random = new SplittableRandom(seed);
        int positiveBase = NEUTRAL.size(), negativeBase = positiveBase + POSITIVE.size();
        List<Sentence> out = new ArrayList<>(n);
        while (out.size() < n) {
            int length = random.nextInt(6, 11);
            int[] ids = new int[length];
            boolean[] sentiment = new boolean[length];
            for (int t = 0; t < length; t++) {
                ids[t] = random.nextInt(NEUTRAL.size());
            }
            int score = 0;
            for (int s = 0, words = random.nextInt(1, 3); s < words; s++) {
                int position = random.nextInt(length);
                if (sentiment[position]) continue;
                boolean positive = random.nextBoolean();
                ids[position] = positive ? positiveBase + random.nextInt(POSITIVE.size()) : negativeBase + random.nextInt(NEGATIVE.size());
                sentiment[position] = true;
                score += positive ? 1 : -1;
            }
            if (score != 0) {
                out.add(new Sentence(ids, score > 0 ? 1 : 0, sentiment));
            }
        }
        return out;
    }

    public static String text(Sentence sentence) {
        var words = vocabulary();
        var out = new StringBuilder();
        for (int id : sentence.ids()) {
            out.append(out.isEmpty() ? "" : " ").append(words.get(id));
        }
        return out.toString();
    }
}
