package jgrad.viz;

import java.util.List;

/**
 * How {@link Dot} sees a computation graph whose nodes are of type {@code N}: each
 * node shows a few lines of text and, unless it is a leaf, was made by an operation
 * from some input nodes. Implement this to draw a new kind of graph; nodes are told
 * apart by identity ({@code ==}).
 *
 * @param <N> the node type, e.g. {@link jgrad.micro.Value}
 */
public interface GraphView<N> {

    /** The lines shown in the node's box, e.g. {@code "a"}, {@code "data 2.0000"}, {@code "grad -3.0000"}. */
    List<String> fields(N node);

    /** The operation that produced the node, e.g. {@code "*"}; {@code ""} for a leaf. */
    String op(N node);

    /** The operation's inputs, in argument order; empty for a leaf. */
    List<? extends N> inputs(N node);
}
