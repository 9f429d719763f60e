package jgrad;

/** The result of {@code max(dim)} / {@code min(dim)}: the values and their int64 positions along the dim. */
public record ValuesIndices(Tensor values, Tensor indices) {
}
