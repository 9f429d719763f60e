package jgrad.explain;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.RenderedDigits;
import jgrad.models.SmallCnn;
import jgrad.nn.Conv2d;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplanationsTest {
    private SmallCnn trained;
    private Tensor images;
    private long[] targets;

    @BeforeAll
    void trainSmallCnn() {
        trained = ExplainDemo.trainCnn(RenderedDigits.generate(1_200, 21), 1, 5, null);
        var test = RenderedDigits.generate(16, 22);
        images = test.inputs();
        targets = test.targets().toLongArray();
    }

    @Test
    void integratedGradientsAddUpToTheChangeOfTheScore() {
        var random = new SplittableRandom(1);
        var net = new Sequential(new Linear(5, 8, true, random), new Tanh(), new Linear(8, 3, true, random));
        net.to(DType.FLOAT64);
        Tensor x = Tensor.randn(random, DType.FLOAT64, 4, 5);
        Tensor baseline = Tensor.zerosLike(x);
        long[] classes = {0, 2, 1, 2};
        Tensor attributions = Attributions.integratedGradients(net::forward, x, baseline, classes, 200);
        try (var ignored = Grad.noGrad()) {
            Tensor fx = net.forward(x), f0 = net.forward(baseline);
            for (int n = 0; n < 4; n++) {
                double change = fx.get(n, (int) classes[n]) - f0.get(n, (int) classes[n]);
                // midpoint rule error ~ 1/steps²: far below 1e-4 for this smooth net
                assertThat(attributions.select(0, n).sum().item()).as("example %d", n).isCloseTo(change, within(1e-4));
            }
        }
    }

    @Test
    void gradCamOnAHandBuiltNetworkIsTheFormula() {
        // A = 2·x (a 1x1 convolution), logit_0 = A·[1, 0, 0, 3]: α = mean(1, 0, 0, 3) = 1, map = ReLU(A) / max
        var conv = new Conv2d(1, 1, 1);
        var linear = new Linear(4, 2);
        try (var ignored = Grad.noGrad()) {
            conv.weight().fill_(2);
            conv.bias().zero_();
            linear.weight().copy_(Tensor.of(new float[] {1, 0, 0, 3, -1, -1, -1, -1}, 2, 4));
            linear.bias().zero_();
        }
        var layers = new Sequential(conv, new Flatten(), linear);
        Tensor x = Tensor.of(new float[] {0.5f, 1f, 0.25f, 0f}, 1, 1, 2, 2);
        Tensor map = GradCam.compute(layers, 1, x, new long[] {0});
        assertThat(map.shape()).containsExactly(1, 2, 2);
        assertThat(map.toFloatArray()).containsExactly(new float[] {0.5f, 1f, 0.25f, 0f}, within(1e-6f));
        Tensor against = GradCam.compute(layers, 1, x, new long[] {1});    // α = -1: nothing speaks for class 1
        assertThat(against.toFloatArray()).containsOnly(0f);
    }

    @Test
    void explanationsChangeWhenTheWeightsAreRandomised() {
        List<Tensor> first = ExplainDemo.explain(trained, images, targets);
        List<Tensor> again = ExplainDemo.explain(trained, images, targets);
        var randomised = new SmallCnn(8, 16, 64);
        randomised.eval();
        List<Tensor> random = ExplainDemo.explain(randomised, images, targets);
        String[] names = {"saliency", "gradient x input", "integrated gradients", "Grad-CAM"};
        for (int m = 0; m < names.length; m++) {
            float[] mine = first.get(m).toFloatArray();
            // the check can fail: the same weights give the same explanation
            assertThat(RankCorrelation.spearman(mine, again.get(m).toFloatArray())).as(names[m] + " twice").isCloseTo(1.0, within(1e-9));
            double signed = RankCorrelation.spearman(mine, random.get(m).toFloatArray());
            // below 0.75: the ranking of the pixels changed substantially (1 would be unchanged)
            assertThat(signed).as(names[m] + " trained vs randomised weights").isLessThan(0.75);
        }
        // |map| in the demo run: saliency 0.10, Grad-CAM -0.19, but gradient x input 0.93 and integrated
        // gradients 0.94 — those two mostly redraw the input (Adebayo et al. 2018), so only saliency is held to 0.5
        double saliency = RankCorrelation.spearman(first.getFirst().abs().toFloatArray(), random.getFirst().abs().toFloatArray());
        assertThat(saliency).as("|saliency| trained vs randomised").isLessThan(0.5);
    }

    @Test
    void tokenAttributionsPointAtTheSentimentWordsAndNotOnceTheWeightsAreRandom() {
        var sentences = ToySentiment.generate(1_400, 31);
        var model = ExplainDemo.trainText(new ArrayList<>(sentences.subList(0, 1_200)), 3, 32);
        var held = sentences.subList(1_200, 1_400);
        double trainedHits = ExplainDemo.topTokenIsSentiment(model, held);
        var random = new TextClassifier(ToySentiment.vocabulary().size(), 16, 16, 2, new SplittableRandom(33));
        double randomHits = ExplainDemo.topTokenIsSentiment(random, held);
        // 1-2 sentiment words among 6-10: about 0.2 by chance
        assertThat(trainedHits).as("trained").isGreaterThan(0.9);
        assertThat(randomHits).as("random weights").isLessThan(0.6);
    }

    @Test
    void picturesAreWrittenAsPngs(@TempDir Path dir) throws Exception {
        List<Tensor> maps = ExplainDemo.explain(trained, images.narrow(0, 0, 2), new long[] {targets[0], targets[1]});
        var columns = new ArrayList<Tensor>(List.of(images.narrow(0, 0, 2).squeeze(1)));
        columns.addAll(maps);
        ExplanationPictures.grid(dir.resolve("grid.png"), List.of("input", "s", "gxi", "ig", "cam"), columns,
                new boolean[] {false, true, true, true, false});
        ExplanationPictures.tokens(dir.resolve("tokens.png"), List.<String[]>of(new String[] {"good", "film"}),
                List.of(new float[] {1f, -0.2f}), List.of("pos"));
        var grid = ImageIO.read(dir.resolve("grid.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(5 * (28 * 4 + 6));
        assertThat(ImageIO.read(dir.resolve("tokens.png").toFile())).isNotNull();
    }
}
