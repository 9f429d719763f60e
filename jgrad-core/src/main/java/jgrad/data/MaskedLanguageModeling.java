package jgrad.data;

import java.util.Set;
import java.util.random.RandomGenerator;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * BERT's masked-language-model corruption (Devlin et al. 2019, section 3.1): each real token
 * (not padding, not a special token) is chosen with probability {@code p} (15%); a chosen token is
 * replaced by {@code [MASK]} 80% of the time, by a random token 10% of the time, and kept 10% of
 * the time. The model must predict the original token at every chosen position and nowhere else:
 * <pre>
 *   ids      [CLS] the  cat  sat  on   the  mat  [SEP]
 *   inputs   [CLS] the  [MASK] sat on  the  dog  [SEP]       "cat" masked, "mat" replaced at random
 *   labels   -100  -100 cat  -100 -100 -100 mat  -100        -100 = not predicted (ignored by the loss)
 * </pre>
 * Keeping or randomising some chosen tokens means the model cannot assume that only {@code [MASK]}
 * positions matter, which they never are at fine-tuning time.
 */
public final class MaskedLanguageModeling {
    /** The label of positions that are not predicted: {@code F.crossEntropy}'s default ignore index. */
    public static final long IGNORE = -100;

    private MaskedLanguageModeling() {
    }

    /** The corrupted inputs and the labels, both int64 of the ids' shape. */
    public record Masked(Tensor inputIds, Tensor labels) {
    }

    /**
     * @param inputIds      int64 ids {@code (B, T)}
     * @param attentionMask int64 {@code (B, T)}, 0 at padding (never chosen); or null
     * @param specialIds    ids never chosen ([CLS], [SEP], [PAD], ...)
     * @param maskId        the id of {@code [MASK]}
     * @param vocabSize     random replacements are drawn uniformly from {@code [0, vocabSize)} without the special ids
     * @param probability   chance that a token is chosen (BERT: 0.15)
     */
    public static Masked mask(Tensor inputIds, Tensor attentionMask, Set<Integer> specialIds, int maskId, int vocabSize,
                              double probability, RandomGenerator generator) {
        if (inputIds.dtype() != DType.INT64 || (attentionMask != null && !java.util.Arrays.equals(attentionMask.shape(), inputIds.shape()))) {
            throw new IllegalArgumentException("MaskedLanguageModeling.mask: expected int64 ids and a mask of the same shape, got "
                    + inputIds.dtype() + " " + Shape.format(inputIds.shape())
                    + (attentionMask == null ? "" : " and " + Shape.format(attentionMask.shape())));
        }
        if (!(probability >= 0 && probability <= 1) || specialIds.size() >= vocabSize) {
            throw new IllegalArgumentException("MaskedLanguageModeling.mask: probability must be in [0, 1] and the vocabulary "
                    + "must have non-special tokens, got " + probability + " and " + vocabSize + " tokens");
        }
        long[] ids = inputIds.contiguous().toLongArray();
        long[] keep = attentionMask == null ? null : attentionMask.contiguous().toLongArray();
        long[] inputs = ids.clone();
        long[] labels = new long[ids.length];
        java.util.Arrays.fill(labels, IGNORE);
        for (int i = 0; i < ids.length; i++) {
            boolean real = (keep == null || keep[i] != 0) && !specialIds.contains((int) ids[i]);
            if (!real || generator.nextDouble() >= probability) {
                continue;
            }
            labels[i] = ids[i];
            double action = generator.nextDouble();
            if (action < 0.8) {
                inputs[i] = maskId;
            } else if (action < 0.9) {
                inputs[i] = randomOrdinaryToken(specialIds, vocabSize, generator);
            }                                                   // else: kept as it is
        }
        return new Masked(Tensor.of(inputs, inputIds.shape()), Tensor.of(labels, inputIds.shape()));
    }

    private static int randomOrdinaryToken(Set<Integer> specialIds, int vocabSize, RandomGenerator generator) {
        while (true) {
            int id = generator.nextInt(vocabSize);
            if (!specialIds.contains(id)) {
                return id;
            }
        }
    }
}
