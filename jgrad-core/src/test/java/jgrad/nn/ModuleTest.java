package jgrad.nn;

import jgrad.DType;
import jgrad.Gradcheck;
import jgrad.Tensor;
import jgrad.nn.functional.F;
import jgrad.testing.ModuleGradchecks;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModuleTest {

    private static Sequential smallCnn() {
        return new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(4 * 2 * 2, 3));
    }

    @Test
    void stateDictKeysFollowPyTorchNaming() {
        assertThat(smallCnn().stateDict().keySet()).containsExactly(
                "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
                "5.weight", "5.bias");
        assertThat(smallCnn().namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "5.weight", "5.bias");
        assertThat(smallCnn().parameterCount()).isEqualTo(4 * 9 + 4 + 4 + 4 + 16 * 3 + 3);
    }

    @Test
    void nestedModulesGetDottedNames() {
        class Block extends Module {
            final Linear fc = registerModule("fc", new Linear(2, 2));
            final ModuleList heads = registerModule("heads", new ModuleList(new Linear(2, 1), new Linear(2, 1, false)));
            @Override public Tensor forward(Tensor x) { return heads.get(0).forward(fc.forward(x)); }
        }
        assertThat(new Block().namedParameters().keySet())
                .containsExactly("fc.weight", "fc.bias", "heads.0.weight", "heads.0.bias", "heads.1.weight");
    }

    @Test
    void tiedWeightsAreListedOnce() {
        Linear a = new Linear(3, 3);
        Sequential tied = new Sequential(a, new ReLU(), a);
        assertThat(tied.parameters()).hasSize(2);
        assertThat(tied.stateDict()).containsKeys("0.weight", "2.weight");   // PyTorch's state dict keeps both names
    }

    @Test
    void conversionToFloat64KeepsTiedWeightsTied() {
        Linear a = new Linear(3, 3);
        Sequential tied = new Sequential(a, new ReLU(), a, new BatchNorm1d(3));
        tied.to(DType.FLOAT64);
        assertThat(tied.parameters()).hasSize(4).allSatisfy(p -> assertThat(p.dtype()).isEqualTo(DType.FLOAT64));
        assertThat(tied.namedBuffers().get("3.running_var").dtype()).isEqualTo(DType.FLOAT64);
        assertThat(tied.namedBuffers().get("3.num_batches_tracked").dtype()).isEqualTo(DType.INT64);
        assertThat(tied.forward(Tensor.randn(DType.FLOAT64, 4, 3)).dtype()).isEqualTo(DType.FLOAT64);
    }

    @Test
    void loadStateDictCopiesInPlaceAndChecksEverythingFirst() {
        Sequential source = smallCnn();
        Sequential target = smallCnn();
        Tensor weightBefore = target.namedParameters().get("0.weight");
        target.loadStateDict(source.stateDict());
        assertThat(target.namedParameters().get("0.weight")).isSameAs(weightBefore);   // same tensor, new values
        assertThat(weightBefore.toDoubleArray()).containsExactly(source.namedParameters().get("0.weight").toDoubleArray());

        Map<String, Tensor> wrong = new LinkedHashMap<>(source.stateDict());
        wrong.put("5.weight", Tensor.zeros(2, 16));
        wrong.remove("0.bias");
        wrong.put("extra", Tensor.zeros(1));
        double[] before = target.namedParameters().get("5.bias").toDoubleArray();
        assertThatThrownBy(() -> target.loadStateDict(wrong))
                .hasMessageContaining("size mismatch for 5.weight").hasMessageContaining("(2, 16)").hasMessageContaining("(3, 16)")
                .hasMessageContaining("missing key(s): 0.bias").hasMessageContaining("unexpected key(s): extra");
        assertThat(target.namedParameters().get("5.bias").toDoubleArray()).containsExactly(before);   // nothing copied

        wrong.put("5.weight", Tensor.zeros(3, 16));
        var keys = target.loadStateDict(wrong, false);
        assertThat(keys.missingKeys()).containsExactly("0.bias");
        assertThat(keys.unexpectedKeys()).containsExactly("extra");
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential model = smallCnn();
        model.eval();
        assertThat(model.namedModules().values()).allSatisfy(m -> assertThat(m.isTraining()).isFalse());
        model.train();
        assertThat(model.get(1).isTraining()).isTrue();
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Sequential model = smallCnn();
        F.crossEntropy(model.forward(Tensor.randn(2, 1, 4, 4)), Tensor.of(new long[] {0, 2})).backward();
        assertThat(model.parameters()).allSatisfy(p -> assertThat(p.grad()).isNotNull());
        model.zeroGrad();
        assertThat(model.parameters()).allSatisfy(p -> assertThat(p.grad()).isNull());
    }

    @Test
    void defaultInitialisationIsUniformWithinOneOverSqrtFanIn() {
        Linear linear = new Linear(400, 50, true, new SplittableRandom(1));
        double bound = 1 / Math.sqrt(400);
        double[] w = linear.weight().toDoubleArray();
        assertThat(java.util.Arrays.stream(w).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(bound);
        // U(-b, b) has variance b^2 / 3; 20000 samples estimate it within a few percent
        double variance = java.util.Arrays.stream(w).map(v -> v * v).average().orElseThrow();
        assertThat(variance).isCloseTo(bound * bound / 3, within(0.05 * bound * bound / 3));
        Conv2d conv = new Conv2d(3, 8, new int[] {5, 5}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1, true, new SplittableRandom(2));
        double convBound = 1 / Math.sqrt(3 * 25);
        assertThat(maxAbs(conv.weight())).isLessThanOrEqualTo(convBound);
        assertThat(maxAbs(conv.bias())).isLessThanOrEqualTo(convBound);
    }

    private static double maxAbs(Tensor t) {
        return java.util.Arrays.stream(t.toDoubleArray()).map(Math::abs).max().orElseThrow();
    }

    @Test
    void linearModuleGradientsMatchThroughItsParameters() {
        // The module's own parameters are perturbed and their .grad read, through its own forward:
        // a Linear that lost the connection to a parameter cannot pass.
        Linear linear = new Linear(3, 2);
        linear.to(DType.FLOAT64);
        Tensor x = Tensor.randn(DType.FLOAT64, 4, 3).requiresGrad(true);
        ModuleGradchecks.assertGradientsMatch("nn.Linear", 5, linear, () -> linear.forward(x), x);
    }

    /** A Linear whose forward detaches its weight: the bug the check above must catch. */
    private static final class DetachedWeightLinear extends Module {
        DetachedWeightLinear(Linear source) {
            registerParameter("weight", source.weight().detach().copy().requiresGrad(true));
            registerParameter("bias", source.bias().detach().copy().requiresGrad(true));
        }

        @Override
        public Tensor forward(Tensor input) {
            return F.linear(input, parameter("weight").detach(), parameter("bias"));
        }
    }

    @Test
    void theLinearCheckFailsForADetachedWeight() {
        Linear linear = new Linear(3, 2);
        linear.to(DType.FLOAT64);
        var broken = new DetachedWeightLinear(linear);
        Tensor x = Tensor.randn(DType.FLOAT64, 4, 3).requiresGrad(true);
        Gradcheck.Result result = ModuleGradchecks.check(5, broken, () -> broken.forward(x), x);
        assertThat(result.passed()).as(result.describe()).isFalse();
        assertThat(result.describe()).contains("input 1 has no gradient");
        assertThat(broken.forward(x).toDoubleArray()).as("the forward values alone cannot tell")
                .containsExactly(linear.forward(x).toDoubleArray());
    }

    @Test
    void batchNormModuleTracksRunningStatisticsAndSwitchesInEval() {
        BatchNorm1d bn = new BatchNorm1d(2);
        bn.to(DType.FLOAT64);
        Tensor x = Tensor.of(new double[][] {{1, 10}, {3, 30}});
        bn.forward(x);
        bn.forward(x);
        // two updates with momentum 0.1 of mean (2, 20): 0.1*2 then 0.9*0.2 + 0.1*2 = 0.38
        assertThat(bn.runningMean().toDoubleArray()).usingComparatorWithPrecision(1e-12).containsExactly(0.38, 3.8);
        assertThat(bn.numBatchesTracked().item()).isEqualTo(2.0);
        bn.eval();
        Tensor y = bn.forward(Tensor.of(new double[][] {{0.38, 3.8}}));
        assertThat(y.toDoubleArray()).usingComparatorWithPrecision(1e-12).containsExactly(0, 0);

        BatchNorm1d cumulative = new BatchNorm1d(1, 1e-5, null, true, true);
        cumulative.forward(Tensor.of(new float[] {1, 3}, 2, 1));       // mean 2
        cumulative.forward(Tensor.of(new float[] {5, 7}, 2, 1));       // mean 6
        assertThat(cumulative.runningMean().item()).isCloseTo(4.0, within(1e-6));   // plain average of 2 and 6
    }

    @Test
    void dropoutModuleIsIdentityInEval() {
        Dropout dropout = new Dropout(0.5, new SplittableRandom(3));
        Tensor x = Tensor.ones(10);
        assertThat(dropout.forward(x).toDoubleArray()).contains(0.0, 2.0);
        dropout.eval();
        assertThat(dropout.forward(x)).isSameAs(x);
    }

    @Test
    void embeddingSizesAreCheckedBeforeThePaddingIndex() {
        assertThatThrownBy(() -> new Embedding(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Embedding: num_embeddings and embedding_dim must be positive, got -1 and 3");
        assertThatThrownBy(() -> new Embedding(4, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 4 and 0");
    }

    @Test
    void frozenParametersStayFrozenThroughDtypeMovesStateDictsAndCheckpoints() throws java.io.IOException {
        Sequential model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        Tensor frozen = model.namedParameters().get("0.weight");
        frozen.requiresGrad(false);
        model.to(DType.FLOAT64);
        assertThat(model.namedParameters().get("0.weight").requiresGrad()).as("after to(float64)").isFalse();
        assertThat(model.namedParameters().get("2.weight").requiresGrad()).as("a trainable one stays trainable").isTrue();
        model.to(DType.FLOAT32);
        assertThat(model.namedParameters().get("0.weight").requiresGrad()).as("after to(float32)").isFalse();

        java.nio.file.Path file = java.nio.file.Files.createTempFile("frozen", ".safetensors");
        try {
            jgrad.io.Safetensors.save(model.stateDict(), file);
            model.loadStateDict(jgrad.io.Safetensors.load(file));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertThat(model.namedParameters().get("0.weight").requiresGrad()).as("after a checkpoint round trip").isFalse();
        F.crossEntropy(model.forward(Tensor.randn(5, 3)), Tensor.of(new long[] {0, 1, 0, 1, 1})).backward();
        assertThat(model.namedParameters().get("0.weight").grad()).as("a frozen weight gets no gradient").isNull();
        assertThat(model.namedParameters().get("2.weight").grad()).isNotNull();
    }

    @Test
    void printsLikePyTorch() {
        assertThat(new Sequential(new Linear(4, 2), new ReLU()).toString()).isEqualTo(
                "Sequential(\n  (0): Linear(in_features=4, out_features=2, bias=true)\n  (1): ReLU()\n)");
    }

    @Test
    void everyLayerRunsForwardAndBackwardOnAFloat32Batch() {
        List<Module> layers = List.of(new Conv2d(2, 4, 3, 1, 1), new MaxPool2d(2), new AvgPool2d(2), new AdaptiveAvgPool2d(1),
                new BatchNorm2d(2), new GroupNorm(1, 2), new LayerNorm(4), new Dropout(0.2), new Flatten(), new GELU(),
                new Tanh(), new Sigmoid(), new ReLU());
        for (Module layer : layers) {
            Tensor x = Tensor.randn(3, 2, 4, 4).requiresGrad(true);
            layer.forward(x).sum().backward();
            assertThat(x.grad()).as(layer.toString()).isNotNull();
            assertThat(x.grad().shape()).as(layer.toString()).containsExactly(3, 2, 4, 4);
        }
        Embedding embedding = new Embedding(10, 3);
        assertThat(embedding.forward(Tensor.of(new long[] {1, 2, 9}, 3)).shape()).containsExactly(3, 3);
    }
}
