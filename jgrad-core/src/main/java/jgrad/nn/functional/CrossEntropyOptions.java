package jgrad.nn.functional;

import jgrad.Tensor;

/**
 * The keyword arguments of PyTorch's {@code F.cross_entropy} after {@code input} and {@code target},
 * one fluent setter per keyword; start from {@link F#crossEntropyOptions()} (PyTorch's defaults).
 *
 * <pre>{@code
 * // F.cross_entropy(logits, target, ignore_index=0, label_smoothing=0.1)
 * Tensor loss = F.crossEntropy(logits, target, F.crossEntropyOptions().ignoreIndex(0).labelSmoothing(0.1));
 * }</pre>
 *
 * @param weight         {@code weight}, per-class weights {@code (C)}, or null (default)
 * @param ignoreIndex    {@code ignore_index}, a target class that counts for nothing (default -100)
 * @param reduction      {@code reduction} (default MEAN)
 * @param labelSmoothing {@code label_smoothing} in [0, 1] (default 0)
 */
public record CrossEntropyOptions(Tensor weight, long ignoreIndex, Reduction reduction, double labelSmoothing) {

    /** {@code weight}, per-class weights {@code (C)}. */
    public CrossEntropyOptions weight(Tensor weight) {
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** {@code ignore_index}. */
    public CrossEntropyOptions ignoreIndex(long ignoreIndex) {
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** {@code reduction}. */
    public CrossEntropyOptions reduction(Reduction reduction) {
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** {@code label_smoothing}. */
    public CrossEntropyOptions labelSmoothing(double labelSmoothing) {
        return new CrossEntropyOptions(weight, ignoreIndex, reduction, labelSmoothing);
    }
}
