package exercises.unit07;

import static exercises.unit07.Check.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.TransformerEncoderLayer;
import jgrad.nn.functional.Attention;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Graded test of task 4. The reference is jgrad's {@code TransformerEncoderLayer} in its pre-LN form
 * ({@code normFirst}), batch first, GELU, no dropout, float64, with the causal mask. Its weights are
 * perturbed at random first, so that biases and layer-norm parameters are not the zeros and ones they
 * start as and every one of them must be used.
 */
class BlockTest {

    @Test
    @Tag("task4")
    void preLnBlockMatchesTransformerEncoderLayerWithTheCausalMask() {
        var random = new Random(76);
        var values = new SplittableRandom(77);
        for (int trial = 0; trial < 6; trial++) {
            int heads = 1 + random.nextInt(3), width = heads * (1 + random.nextInt(4)), feedForward = 2 + random.nextInt(8);
            int batch = 1 + random.nextInt(3), length = 1 + random.nextInt(6);
            var layer = new TransformerEncoderLayer(width, heads, feedForward, 0.0, "gelu", 1e-5, true, true, new SplittableRandom(trial));
            layer.to(DType.FLOAT64);
            Map<String, Tensor> p = layer.namedParameters();
            try (var ignored = Grad.noGrad()) {
                for (Tensor parameter : p.values()) {
                    parameter.add_(Tensor.randn(values, DType.FLOAT64, parameter.shape()), 0.3);
                }
            }
            Tensor x = Tensor.randn(values, DType.FLOAT64, batch, length, width);
            Tensor expected;
            try (var ignored = Grad.noGrad()) {
                expected = layer.forward(x, Attention.causalMask(length, length), null);
            }
            var weights = new Results.BlockWeights(p.get("norm1.weight").detach(), p.get("norm1.bias").detach(),
                    p.get("self_attn.in_proj_weight").detach(), p.get("self_attn.in_proj_bias").detach(),
                    p.get("self_attn.out_proj.weight").detach(), p.get("self_attn.out_proj.bias").detach(),
                    p.get("norm2.weight").detach(), p.get("norm2.bias").detach(), p.get("linear1.weight").detach(),
                    p.get("linear1.bias").detach(), p.get("linear2.weight").detach(), p.get("linear2.bias").detach());

            Tensor actual = Block.forward(x, weights, heads);
            assertNotNull(actual, "forward returned null");
            String input = " for B=" + batch + ", T=" + length + ", C=" + width + ", H=" + heads + ", F=" + feedForward;
            assertArrayEquals(expected.shape(), actual.shape(), "output shape" + input);
            assertClose("output (flattened)" + input, expected.contiguous().toDoubleArray(), actual.contiguous().toDoubleArray());
        }
    }
}
