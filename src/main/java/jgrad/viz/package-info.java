/**
 * Pictures: computation graphs (Graphviz dot, for tensors and micro values) and decision boundaries,
 * written atomically as PNG or text.
 *
 * <p>May use: {@code jgrad}, {@code jgrad.micro} and {@code jgrad.io}.
 */
package jgrad.viz;
