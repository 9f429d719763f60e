package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernels.KernelMode;
import jgrad.kernels.Kernels;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused float32 LSTM step against the composed float64 step: h', c' and the gradients of x,
 * h, c and all four parameters. Tolerance 2e-5 absolute: float32 rounding over sums of a few terms.
 */
class FusedLstmCellTest {

    @Property(tries = 15)
    void fusedFloat32StepMatchesComposedFloat64(@ForAll @IntRange(min = 1, max = 4) int batch,
                                                @ForAll @IntRange(min = 1, max = 40) int hidden, @ForAll KernelMode mode,
                                                @ForAll long seed) {
        var random = new SplittableRandom(seed);
        int in = 3;
        Tensor x = Tensor.randn(random, DType.FLOAT64, batch, in);
        Tensor h = Tensor.randn(random, DType.FLOAT64, batch, hidden);
        Tensor c = Tensor.randn(random, DType.FLOAT64, batch, hidden);
        Tensor[] params = {Tensor.randn(random, DType.FLOAT64, 4 * hidden, in), Tensor.randn(random, DType.FLOAT64, 4 * hidden, hidden),
                Tensor.randn(random, DType.FLOAT64, 4 * hidden), Tensor.randn(random, DType.FLOAT64, 4 * hidden)};
        Tensor upstream = Tensor.randn(random, DType.FLOAT64, batch, 2 * hidden);
        List<double[]> reference = run(x, h, c, params, upstream, DType.FLOAT64);
        List<double[]> fused;
        try (var kernels = Kernels.use(mode)) {   // FAST: FusedLstmCell; REFERENCE: the composed step on float32
            fused = run(x, h, c, params, upstream, DType.FLOAT32);
        }
        for (int r = 0; r < reference.size(); r++) {
            for (int j = 0; j < reference.get(r).length; j++) {
                assertThat(Math.abs(fused.get(r)[j] - reference.get(r)[j]))
                        .as("result %d (0: [h'|c'], then grads of x, h, c, W_ih, W_hh, b_ih, b_hh) [%d]: fused %.7f vs composed %.7f",
                                r, j, fused.get(r)[j], reference.get(r)[j])
                        .isLessThanOrEqualTo(2e-5 * Math.max(1, Math.abs(reference.get(r)[j])));
            }
        }
    }

    private static List<double[]> run(Tensor x, Tensor h, Tensor c, Tensor[] params, Tensor upstream, DType dtype) {
        Tensor[] leaves = {x.detach().to(dtype).copy().requiresGrad(true), h.detach().to(dtype).copy().requiresGrad(true), c.detach().to(dtype).copy().requiresGrad(true),
                params[0].detach().to(dtype).copy().requiresGrad(true), params[1].detach().to(dtype).copy().requiresGrad(true),
                params[2].detach().to(dtype).copy().requiresGrad(true), params[3].detach().to(dtype).copy().requiresGrad(true)};
        HiddenState next = RecurrentSteps.step(RecurrentSteps.Mode.LSTM, leaves[0], new HiddenState(leaves[1], leaves[2]),
                leaves[3], leaves[4], leaves[5], leaves[6]);
        Tensor out = Tensor.cat(List.of(next.h(), next.c()), 1);
        out.backward(upstream.to(dtype));
        var results = new java.util.ArrayList<double[]>();
        results.add(out.toDoubleArray());
        for (Tensor leaf : leaves) {
            results.add(leaf.grad().toDoubleArray());
        }
        return results;
    }
}
