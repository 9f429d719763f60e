package jgrad.nn.functional;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.Arrays;

/**
 * The losses behind {@link F}, composed from differentiable tensor ops so that autograd derives
 * their backward. Semantics follow PyTorch's documentation, formula by formula.
 */
final class Losses {
    private Losses() {
    }

    // ---------------------------------------------------------------------------------------------
    // Classification with class indices
    // ---------------------------------------------------------------------------------------------

    /**
     * Cross-entropy with class-index targets: {@code logp = logSoftmax(input, classDim)}, then
     * {@code (1 - s) nll(logp) + (s / C) smooth(logp)} for label smoothing {@code s}, where
     * {@code smooth_n = -sum_c w_c logp_{n,c}}. With weights, MEAN divides both parts by
     * {@code sum_n w_{y_n}} over non-ignored targets (as PyTorch does).
     */
    static Tensor crossEntropyIndices(Tensor input, Tensor target, Tensor weight, long ignoreIndex,
                                      Reduction reduction, double labelSmoothing) {
        ClassRows rows = ClassRows.of("crossEntropy", input, target, weight, ignoreIndex);
        Tensor logp = rows.scores.logSoftmax(1);                                      // (M, C)
        Tensor nll = rows.perTargetLoss(logp);                                        // (M)
        if (labelSmoothing == 0) {
            return rows.reduce(nll, reduction);
        }
        Tensor classWeights = weight == null ? logp : logp.mul(weight);
        Tensor smooth = classWeights.sum(1).neg().mul(rows.counted);                 // (M)
        double share = labelSmoothing / rows.classes;
        return rows.reduce(nll, reduction).mul(1 - labelSmoothing).add(rows.reduce(smooth, reduction).mul(share));
    }

    /** Negative log-likelihood: {@code l_n = -w_{y_n} input[n, y_n]}, 0 where {@code y_n == ignoreIndex}. */
    static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        ClassRows rows = ClassRows.of("nllLoss", input, target, weight, ignoreIndex);
        return rows.reduce(rows.perTargetLoss(rows.scores), reduction);
    }

    /**
     * Input scores with the class dim moved last and flattened to {@code (M, C)}, target flattened to
     * {@code (M)}, plus per-row weight {@code w_{y_n}} (0 for ignored rows) and the counted mask.
     */
    private record ClassRows(String op, Tensor scores, Tensor safeTarget, Tensor rowWeight, Tensor counted,
                             int[] targetShape, int classes) {

        static ClassRows of(String op, Tensor input, Tensor target, Tensor weight, long ignoreIndex) {
            if (!input.dtype().isFloatingPoint() || target.dtype() != DType.INT64) {
                throw new IllegalArgumentException(op + ": expected floating input and int64 class indices, got "
                        + input.dtype() + " input and " + target.dtype() + " target");
            }
            int[] expected = expectedTargetShape(input);
            if (!Arrays.equals(expected, target.shape())) {
                throw new IllegalArgumentException(op + ": input of shape " + Shape.format(input.shape())
                        + " needs a target of shape " + Shape.format(expected) + ", got " + Shape.format(target.shape()));
            }
            int classes = input.dim() == 1 ? input.size(0) : input.size(1);
            if (weight != null && (weight.dim() != 1 || weight.size(0) != classes)) {
                throw new IllegalArgumentException(op + ": weight must have shape (" + classes + ",), got "
                        + Shape.format(weight.shape()));
            }
            long[] labels = target.toLongArray();
            long[] safe = new long[labels.length];
            double[] mask = new double[labels.length];
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == ignoreIndex) {
                    continue;
                }
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IndexOutOfBoundsException(op + ": target " + labels[i] + " at flat position " + i
                            + " is out of bounds for " + classes + " classes (expected 0.." + (classes - 1)
                            + " or ignoreIndex " + ignoreIndex + ")");
                }
                safe[i] = labels[i];
                mask[i] = 1;
            }
            Tensor safeTarget = Tensor.of(safe);
            Tensor counted = Tensor.of(mask).to(input.dtype());
            Tensor rowWeight = weight == null ? counted : weight.indexSelect(0, safeTarget).mul(counted);
            return new ClassRows(op, classesLast(input), safeTarget, rowWeight, counted, target.shape(), classes);
        }

        /** {@code -w_{y_n} scores[n, y_n]} per row. */
        Tensor perTargetLoss(Tensor rowScores) {
            return rowScores.gather(1, safeTarget.unsqueeze(1)).squeeze(1).mul(rowWeight).neg();
        }

        /** NONE: back to the target's shape; SUM: total; MEAN: total over the total weight counted. */
        Tensor reduce(Tensor perRow, Reduction reduction) {
            return switch (reduction) {
                case NONE -> perRow.reshape(targetShape);
                case SUM -> perRow.sum();
                case MEAN -> perRow.sum().div(rowWeight.sum());
                case BATCHMEAN -> throw new IllegalArgumentException(op + ": reduction BATCHMEAN is only for klDiv");
            };
        }
    }

    /** (C) -> (); (N, C, d1, ...) -> (N, d1, ...). */
    private static int[] expectedTargetShape(Tensor input) {
        if (input.dim() == 0) {
            throw new IllegalArgumentException("class scores need at least 1 dim (C) or (N, C, ...), got a scalar");
        }
        if (input.dim() == 1) {
            return new int[0];
        }
        int[] shape = new int[input.dim() - 1];
        shape[0] = input.size(0);
        for (int d = 2; d < input.dim(); d++) {
            shape[d - 1] = input.size(d);
        }
        return shape;
    }

    /** (C) -> (1, C); (N, C, d1, ...) -> (N d1 ..., C). */
    private static Tensor classesLast(Tensor input) {
        if (input.dim() == 1) {
            return input.unsqueeze(0);
        }
        int classes = input.size(1);
        if (input.dim() == 2) {
            return input;
        }
        int[] perm = new int[input.dim()];
        perm[0] = 0;
        for (int d = 2; d < input.dim(); d++) {
            perm[d - 1] = d;
        }
        perm[input.dim() - 1] = 1;
        return input.permute(perm).reshape(-1, classes);
    }

    // ---------------------------------------------------------------------------------------------
    // Classification with class probabilities
    // ---------------------------------------------------------------------------------------------

    /**
     * Cross-entropy with probability targets of the input's shape:
     * {@code l_n = -sum_c w_c y_{n,c} logp_{n,c}}, with {@code y <- (1 - s) y + s / C} for label
     * smoothing; MEAN divides by the number of rows (not by weights).
     */
    static Tensor crossEntropyProbabilities(Tensor input, Tensor target, Tensor weight, Reduction reduction,
                                            double labelSmoothing) {
        requireSameShape("crossEntropy", input, target);
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        Tensor y = labelSmoothing == 0 ? target : target.mul(1 - labelSmoothing).add(labelSmoothing / classes);
        Tensor terms = input.logSoftmax(classDim).mul(y);
        if (weight != null) {
            int[] shape = new int[input.dim()];
            Arrays.fill(shape, 1);
            shape[classDim] = classes;
            terms = terms.mul(weight.reshape(shape));
        }
        Tensor perRow = terms.sum(classDim).neg();
        return reduce("crossEntropy", perRow, reduction);
    }

    // ---------------------------------------------------------------------------------------------
    // Regression and binary losses (pointwise, then reduced)
    // ---------------------------------------------------------------------------------------------

    static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("mseLoss", input, target);
        return reduce("mseLoss", input.sub(target).square(), reduction);
    }

    static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("l1Loss", input, target);
        return reduce("l1Loss", input.sub(target).abs(), reduction);
    }

    /**
     * Huber: {@code l = 0.5 d^2} for {@code |d| < delta}, {@code delta (|d| - 0.5 delta)} beyond, with
     * {@code d = x - y}. Written as {@code 0.5 q^2 + delta (|d| - q)} with {@code q = min(|d|, delta)}, which is
     * both branches at once and needs no mask.
     */
    static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        requireSameShape("huberLoss", input, target);
        if (!(delta > 0)) throw new IllegalArgumentException("huberLoss: delta must be positive, got " + delta);
        Tensor size = input.sub(target).abs();
        Tensor inside = size.clamp(0, delta);
        return reduce("huberLoss", inside.square().mul(0.5).add(size.sub(inside).mul(delta)), reduction);
    }

    /** {@code l = -w (y log x + (1 - y) log(1 - x))}, each log clamped to >= -100 as in PyTorch. */
    static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        requireSameShape("binaryCrossEntropy", input, target);
        double[] values = input.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: input must be probabilities in [0, 1], got "
                        + values[i] + " at flat position " + i + " (for raw scores use binaryCrossEntropyWithLogits)");
            }
        }
        Tensor logX = input.log().clamp(-100, Double.POSITIVE_INFINITY);
        Tensor logOneMinusX = input.neg().add(1).log().clamp(-100, Double.POSITIVE_INFINITY);
        Tensor loss = target.mul(logX).add(target.neg().add(1).mul(logOneMinusX)).neg();
        return reduce("binaryCrossEntropy", weight == null ? loss : loss.mul(weight), reduction);
    }

    /**
     * {@code l = (1 - y) x + (1 + (p - 1) y) softplus(-x)} for logits x and positive-class weight p
     * (broadcast over the last dim), times {@code w}. Equal to
     * {@code -w (p y log sigmoid(x) + (1 - y) log(1 - sigmoid(x)))} but never takes the log of 0.
     */
    static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                               Reduction reduction) {
        requireSameShape("binaryCrossEntropyWithLogits", input, target);
        Tensor softplusOfMinusX = Activations.softplus(input.neg(), 1.0, Double.POSITIVE_INFINITY);
        Tensor logWeight = posWeight == null ? null : posWeight.sub(1).mul(target).add(1);
        Tensor loss = target.neg().add(1).mul(input)
                .add(logWeight == null ? softplusOfMinusX : logWeight.mul(softplusOfMinusX));
        return reduce("binaryCrossEntropyWithLogits", weight == null ? loss : loss.mul(weight), reduction);
    }

    /**
     * Kullback-Leibler divergence with {@code input} = log q (log-probabilities) and {@code target} = p:
     * {@code l = p (log p - input)}, taken as 0 where p = 0; with {@code logTarget} the target holds
     * log p and {@code l = exp(target) (target - input)}.
     */
    static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        requireSameShape("klDiv", input, target);
        Tensor loss;
        if (logTarget) {
            loss = target.exp().mul(target.sub(input));
        } else {
            Tensor positive = target.gt(0);
            Tensor safeLog = Tensor.where(positive, target, Tensor.scalar(1.0, target.dtype())).log();   // log 1 = 0 where p = 0
            loss = target.mul(safeLog.sub(input));
        }
        if (reduction == Reduction.BATCHMEAN) {
            return loss.sum().div(input.dim() == 0 ? 1 : input.size(0));
        }
        return reduce("klDiv", loss, reduction);
    }

    private static Tensor reduce(String op, Tensor loss, Reduction reduction) {
        return switch (reduction) {
            case NONE -> loss;
            case SUM -> loss.sum();
            case MEAN -> loss.mean();
            case BATCHMEAN -> throw new IllegalArgumentException(op + ": reduction BATCHMEAN is only for klDiv");
        };
    }

    private static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": target shape " + Shape.format(target.shape())
                    + " differs from input shape " + Shape.format(input.shape())
                    + " (expected equal shapes; PyTorch would broadcast with a warning, which hides bugs such as (N, 1) vs (N,))");
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": expected a floating input, got " + input.dtype());
        }
    }
}
