package jgrad.data;

import jgrad.Tensor;

/**
 * An input with its target. A dataset item is one example; a batch from a {@link DataLoader} is an
 * Example whose tensors have a leading batch dim, e.g. images {@code (B, 1, 28, 28)} and labels {@code (B)}.
 */
public record Example(Tensor input, Tensor target) {
}
