package jgrad;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grad mode and the reverse-mode engine.
 *
 * <pre>{@code
 * try (var ignored = Grad.noGrad()) {
 *     w = w.sub(grad.mul(lr));     // not recorded in the graph
 * }
 * }</pre>
 *
 * <p>Grad mode is per thread, as in PyTorch.
 */
public final class Grad {
    private Grad() {
    }

    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

    /** Whether ops on this thread currently record the graph. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** A scope in which no graph is recorded; closing it restores the previous mode. */
    public static Scope noGrad() {
        return setEnabled(false);
    }

    /** A scope in which the graph is recorded even inside an enclosing {@link #noGrad()}. */
    public static Scope enableGrad() {
        return setEnabled(true);
    }

    private static Scope setEnabled(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** A try-with-resources scope that cannot throw on close. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Attaches a {@link GradFn} to {@code result} when grad mode is on and any input requires grad.
     * Every differentiable op ends with this call.
     *
     * <p>It is public so that ops outside this package (convolution and pooling in
     * {@code jgrad.nn.functional}, a student's own op) are written the same way, like PyTorch's
     * {@code torch.autograd.Function}: compute {@code result} from the inputs' data, then record a
     * backward that returns one gradient per input, each of that input's shape (or null).
     *
     * <pre>{@code
     * // y = x^3;  dx = g * 3 x^2
     * Tensor y = Tensor.of(cubes, x.shape());
     * return Grad.record(y, "CubeBackward", g -> new Tensor[] {g.mul(x.square().mul(3))}, x);
     * }</pre>
     *
     * @param result a freshly made tensor that is not yet part of any graph
     */
    public static Tensor record(Tensor result, String name, GradFn.Backward backward, Tensor... inputs) {
        if (result.gradFn() != null || result.requiresGrad()) {
            throw new IllegalArgumentException("Grad.record(" + name + "): the result must be a fresh tensor outside the graph, "
                    + "but it " + (result.gradFn() != null ? "was made by " + result.gradFn().name() : "requires grad"));
        }
        if (!isEnabled()) {
            return result;
        }
        for (Tensor input : inputs) {
            if (input.requiresGrad()) {
                result.attachGradFn(new GradFn(name, inputs, backward));
                return result;
            }
        }
        return result;
    }

    /**
     * Backpropagates {@code gradient} (dL/d root) through the graph that produced {@code root} and
     * accumulates dL/d leaf into every leaf that requires grad.
     *
     * <p>The graph is visited in reverse topological order, found by an iterative depth-first search,
     * so a chain of hundreds of thousands of ops needs no deep Java stack. Each node's gradient is the
     * sum over the nodes that consumed it; it is complete once all consumers have run, which reverse
     * topological order guarantees.
     *
     * <p>Unless {@code retainGraph}, each node is freed ({@link GradFn#freeSavedTensors()}) as soon as
     * its backward has run, as PyTorch frees saved tensors: its closure and its edges to its inputs
     * are dropped, so the activations it held can be collected while backward is still working on
     * the nodes nearer the leaves; memory then peaks lower. A later backward through a freed node
     * fails; the check happens while the order is found, before any leaf gradient changes.
     *
     * <p>A leaf's gradient is accumulated as soon as it arrives rather than summed first: the first
     * one is copied into the leaf's {@code grad}, and later ones of the same pass are added into that
     * copy in place (it is this pass's own tensor, which nobody else has seen yet). A tied weight
     * used twice (GPT's token embedding and head) then holds two buffers at its peak, not three.
     * The additions happen in the same order as a sum would, so the bits do not change.
     */
    static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        List<Tensor> order = reverseTopologicalOrder(root);
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        Set<Tensor> ownGrads = Collections.newSetFromMap(new IdentityHashMap<>());   // leaf grads this pass made
        pending.put(root, gradient);
        try (var ignored = noGrad()) {
            for (int position = 0; position < order.size(); position++) {
                Tensor node = order.set(position, null);   // the list must not keep a freed node alive
                Tensor gradOutput = pending.remove(node);
                GradFn fn = node.gradFn();
                if (gradOutput == null) {
                    if (fn != null && !retainGraph) {
                        fn.freeSavedTensors();
                    }
                    continue;
                }
                if (fn == null) {
                    node.accumulateGrad(gradOutput, ownGrads);
                    continue;
                }
                fn.checkInputsUnchanged();
                Tensor[] inputGrads = fn.apply(gradOutput);
                for (int i = 0; i < fn.inputCount(); i++) {
                    Tensor input = fn.input(i);
                    Tensor inputGrad = inputGrads[i];
                    if (inputGrad == null || !input.requiresGrad()) {
                        continue;
                    }
                    if (!Arrays.equals(inputGrad.shape(), input.shape())) {
                        throw new IllegalStateException(fn.name() + ": backward produced a gradient of shape "
                                + Shape.format(inputGrad.shape()) + " for input " + i + " of shape "
                                + Shape.format(input.shape()) + " (an autograd bug in this op)");
                    }
                    if (inputGrad.dtype() != input.dtype()) {
                        inputGrad = inputGrad.to(input.dtype());   // e.g. a float32 input of a float64 op
                    }
                    if (input.gradFn() == null) {
                        input.accumulateGrad(inputGrad, ownGrads);
                    } else {
                        pending.merge(input, inputGrad, Tensor::add);
                    }
                }
                if (!retainGraph) {
                    fn.freeSavedTensors();   // after the loop above, which still walks its edges
                }
            }
        }
    }

    /** Nodes reachable from root through tensors that require grad, each after all of its consumers. */
    private static List<Tensor> reverseTopologicalOrder(Tensor root) {
        List<Tensor> postOrder = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        // Each stack frame is (tensor, index of the next input to visit): a recursion turned into a loop.
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, true);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor node = (Tensor) frame[0];
            int next = (Integer) frame[1];
            GradFn fn = node.gradFn();
            if (fn != null && next == 0) {
                fn.checkNotFreed();
            }
            if (fn != null && next < fn.inputCount()) {
                frame[1] = next + 1;
                Tensor input = fn.input(next);
                if (input.requiresGrad() && visited.put(input, true) == null) {
                    stack.push(new Object[] {input, 0});
                }
            } else {
                stack.pop();
                postOrder.add(node);
            }
        }
        return postOrder.reversed();
    }
}
