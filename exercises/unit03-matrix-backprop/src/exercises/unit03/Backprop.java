package exercises.unit03;

/**
 * Unit 3 exercise: backpropagation through matrices, by hand, on plain arrays.
 *
 * <p>Read {@code lectures/03-matrix-backprop.md} first. Each method is one task; replace the
 * {@code throw} with your code, then grade one task at a time, from the repository root:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.grading.Grader -Djgrad.args="exercises/unit03-matrix-backprop --task task1"
 * </pre>
 * The graded tests build the same computation with jgrad tensors, run autograd, and compare your
 * gradients with its gradients element by element.
 */
public final class Backprop {
    private Backprop() {
    }

    /**
     * Task 1: the backward pass of a linear layer {@code Y = X W + b}.
     *
     * @param x          the layer's input X, shape (N, D)
     * @param w          the weight W, shape (D, M)
     * @param gradOutput dL/dY, shape (N, M)
     * @return dL/dX (N, D), dL/dW (D, M) and dL/db (M); b was added to every row of XW
     */
    public static Gradients.Linear linearBackward(double[][] x, double[][] w, double[][] gradOutput) {
        // TODO(task 1): dX = dY W^T, dW = X^T dY, db = the sum of the rows of dY.
        throw new UnsupportedOperationException("TODO task 1");
    }

    /**
     * Task 2: the gradient of the mean softmax cross-entropy loss with respect to the logits,
     * {@code L = (1/N) sum_n -log softmax(Z_n)[t_n]}.
     *
     * @param logits  Z, shape (N, C)
     * @param targets the class of each row, N values in {@code [0, C)}
     * @return dL/dZ, shape (N, C)
     */
    public static double[][] crossEntropyBackward(double[][] logits, int[] targets) {
        // TODO(task 2): softmax(Z) minus the one-hot targets, divided by N (Matrices.softmaxRows helps).
        throw new UnsupportedOperationException("TODO task 2");
    }

    /**
     * Task 3: all parameter gradients of a two-layer network with the same loss,
     * <pre>
     * H = tanh(X W1 + b1)      (N, hidden)
     * Z = H W2 + b2            (N, C)
     * L = crossEntropy(Z, t)
     * </pre>
     * Run the forward pass with {@link Matrices}, then go backwards reusing tasks 1 and 2; the
     * derivative of tanh is {@code 1 - tanh^2}.
     */
    public static Gradients.Mlp mlpBackward(double[][] x, double[][] w1, double[] b1, double[][] w2, double[] b2,
                                            int[] targets) {
        // TODO(task 3): forward, then crossEntropyBackward, linearBackward, tanh's backward, linearBackward.
        throw new UnsupportedOperationException("TODO task 3");
    }
}
