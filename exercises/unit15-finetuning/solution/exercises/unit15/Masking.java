package exercises.unit15;

import java.util.Arrays;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Unit 15 exercise, task 2: BERT's masked-language-model corruption of one sequence of ids.
 * Go through the positions in order. A position whose id is special is skipped (no random number
 * is drawn). Otherwise draw {@code u = random.nextDouble()}; the token is chosen when {@code u < p}.
 * For a chosen token: its label is its id; draw {@code v = random.nextDouble()}; when {@code v < 0.8}
 * its input becomes {@code maskId}; when {@code 0.8 <= v < 0.9} it becomes a random ordinary token
 * (draw {@code random.nextInt(vocabSize)} until the id is not special); otherwise it is kept.
 * Every unchosen position keeps its id and gets the label -100.
 */
public final class Masking {
    private Masking() {
    }

    /**
     * Task 2.
     *
     * @return {@code {inputs, labels}}, both of the length of {@code ids}
     */
    public static long[][] mask(long[] ids, Set<Integer> specialIds, int maskId, int vocabSize, double p,
                                RandomGenerator random) {
        long[] inputs = ids.clone();
        long[] labels = new long[ids.length];
        Arrays.fill(labels, -100);
        for (int i = 0; i < ids.length; i++) {
            if (specialIds.contains((int) ids[i]) || random.nextDouble() >= p) {
                continue;
            }
            labels[i] = ids[i];
            double v = random.nextDouble();
            if (v < 0.8) {
                inputs[i] = maskId;
            } else if (v < 0.9) {
                int id;
                do {
                    id = random.nextInt(vocabSize);
                } while (specialIds.contains(id));
                inputs[i] = id;
            }
        }
        return new long[][] {inputs, labels};
    }
}
