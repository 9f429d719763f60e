package jgrad.recsys;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.nn.Module;

/** Batches of {@code [user, item]} rows, the input of the recommender models: {@code (B, 2)} int64. */
final class Pairs {
    private Pairs() {
    }

    static Tensor users(Tensor pairs) {
        check(pairs);
        return pairs.select(1, 0).contiguous();
    }

    static Tensor items(Tensor pairs) {
        check(pairs);
        return pairs.select(1, 1).contiguous();
    }

    private static void check(Tensor pairs) {
        if (pairs.dtype() != DType.INT64 || pairs.dim() != 2 || pairs.size(1) != 2) {
            throw new IllegalArgumentException("recommender: expected int64 [user, item] rows (B, 2), got " + pairs.dtype() + " "
                    + Shape.format(pairs.shape()));
        }
    }

    /** {@code (n, 2)} rows pairing {@code user} with each of {@code items}. */
    static Tensor of(int user, int[] items) {
        long[] rows = new long[items.length * 2];
        for (int j = 0; j < items.length; j++) {
            rows[2 * j] = user;
            rows[2 * j + 1] = items[j];
        }
        return Tensor.of(rows, items.length, 2);
    }

    /** A model as a {@link LeaveOneOut.Scorer}: its logits for the user's items, without a graph. */
    static LeaveOneOut.Scorer scorer(Module model) {
        return (user, items) -> {
            try (var ignored = Grad.noGrad()) {
                return model.forward(of(user, items)).toDoubleArray();
            }
        };
    }
}
