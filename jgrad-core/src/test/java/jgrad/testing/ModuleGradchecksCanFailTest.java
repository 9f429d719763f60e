package jgrad.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.UnaryOperator;
import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.Tensor;
import jgrad.nn.Module;
import org.junit.jupiter.api.Test;

/** {@link ModuleGradchecks} fails on NaN, infinity, a parameter backward never reaches, and an empty check. */
class ModuleGradchecksCanFailTest {

    /** {@code y = x * w} (elementwise, w of shape (3,)) whose weight gradient goes through a chosen backward. */
    private static final class Scale extends Module {
        private final UnaryOperator<Tensor> weightBackward;
        private final boolean detachWeight;

        Scale(UnaryOperator<Tensor> weightBackward, boolean detachWeight) {
            this.weightBackward = weightBackward;
            this.detachWeight = detachWeight;
            registerParameter("weight", Tensor.of(new double[] {0.5, -1.5, 2.0}));
        }

        @Override
        public Tensor forward(Tensor input) {
            Tensor w = detachWeight ? parameter("weight").detach() : parameter("weight");
            return input.mul(BrokenGradients.scaled(w, 1, weightBackward));
        }
    }

    private static final Tensor X = Tensor.of(new double[][] {{0.3, -1.2, 0.8}, {1.5, 0.1, -0.6}}).requiresGrad(true);

    private static Gradcheck.Result check(Scale module, Tensor x) {
        return ModuleGradchecks.check(3, module, () -> module.forward(x), x);
    }

    private static void assertFails(Gradcheck.Result result, String why) {
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.describe()).contains(why);
    }

    @Test
    void theCorrectModulePasses() {
        Gradcheck.Result result = check(new Scale(g -> g, false), X);
        assertThat(result.passed()).as(result.describe()).isTrue();
    }

    @Test
    void nanAndInfinityInAParameterGradientFail() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            assertFails(check(new Scale(g -> BrokenGradients.withElement(g, 1, bad), false), X), "not finite");
        }
        assertFails(check(new Scale(g -> Tensor.full(Double.POSITIVE_INFINITY, DType.FLOAT64, 3), false), X), "not finite");
    }

    @Test
    void aParameterThatGetsNoGradientFails() {
        assertFails(check(new Scale(g -> g, true), X), "input 1 has no gradient");
    }

    @Test
    void anEmptyCheckFails() {
        var empty = new Module() {
            @Override
            public Tensor forward(Tensor input) {
                return input.mul(2);
            }
        };
        Tensor x = Tensor.zeros(DType.FLOAT64, 0, 3).requiresGrad(true);
        assertFails(ModuleGradchecks.check(3, empty, () -> empty.forward(x), x), "no elements to check");
    }
}
