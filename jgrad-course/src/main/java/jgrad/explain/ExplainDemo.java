package jgrad.explain;

import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.data.TensorDataset;
import jgrad.models.SmallCnn;
import jgrad.nn.Sequential;
import jgrad.nn.functional.F;
import jgrad.optim.AdamW;
import jgrad.train.Progress;
import jgrad.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Explains a digit CNN and a text classifier, and checks the explanations against randomised weights.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.explain.ExplainDemo
 * </pre>
 * Writes into {@code runs/explain}: {@code digits.png} (input, saliency, gradient × input,
 * integrated gradients, Grad-CAM for 8 test digits), {@code sanity.png} (the same maps from the
 * network with randomised weights) and {@code tokens.png} (integrated-gradient token attributions),
 * and prints the rank correlations between trained and randomised explanations.
 */
public final class ExplainDemo {
    /** Grad-CAM's cut in {@link SmallCnn}'s layers: after the second convolution's ReLU, before its pooling. */
    public static final int GRAD_CAM_SPLIT = 5;

    private ExplainDemo() {
    }

    /** SmallCnn's layer chain, as GradCam cuts it. */
    public static Sequential layers(SmallCnn cnn) {
        return (Sequential) cnn.namedChildren().get("layers");
    }

    public static SmallCnn trainCnn(TensorDataset train, int epochs, long seed, PrintStream out) {
        Jgrad.manualSeed(seed);
        var cnn = new SmallCnn(8, 16, 64);
        new Trainer(cnn, new AdamW(cnn.parameters(), 2e-3)).withOutput(out, out != null && Progress.isTerminal())
                .fit(new DataLoader(train, 64, true, seed), null, epochs);
        cnn.eval();
        return cnn;
    }

    public static TextClassifier trainText(List<ToySentiment.Sentence> train, int epochs, long seed) {
        var model = new TextClassifier(ToySentiment.vocabulary().size(), 16, 16, 2, new SplittableRandom(seed));
        var optimizer = new AdamW(model.parameters(), 1e-2);
        var random = new SplittableRandom(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int from = 0; from < train.size(); from += 32) {
                var batch = train.subList(from, Math.min(train.size(), from + 32));
                optimizer.zeroGrad();
                F.crossEntropy(model.forward(ids(batch)), labels(batch)).backward();
                optimizer.step();
            }
            java.util.Collections.shuffle(train, new java.util.Random(random.nextLong()));
        }
        model.eval();
        return model;
    }

    /** Sentences padded to the longest with the word "the" (id 0), which the classifier learns to ignore: (B, T) int64. */
    public static Tensor ids(List<ToySentiment.Sentence> batch) {
        int length = batch.stream().mapToInt(s -> s.ids().length).max().orElse(1);
        long[] ids = new long[batch.size() * length];
        for (int b = 0; b < batch.size(); b++) {
            int[] sentence = batch.get(b).ids();
            for (int t = 0; t < sentence.length; t++) ids[b * length + t] = sentence[t];
        }
        return Tensor.of(ids, batch.size(), length);
    }

    public static Tensor labels(List<ToySentiment.Sentence> batch) {
        return Tensor.of(batch.stream().mapToLong(ToySentiment.Sentence::label).toArray());
    }

    /** The four image explanations of {@code cnn} for {@code images} (N, 1, 28, 28), each (N, 28, 28). */
    public static List<Tensor> explain(SmallCnn cnn, Tensor images, long[] targets) {
        var layers = layers(cnn);
        return List.of(
                Attributions.gradient(cnn::forward, images, targets).squeeze(1),
                Attributions.gradientTimesInput(cnn::forward, images, targets).squeeze(1),
                Attributions.integratedGradients(cnn::forward, images, Tensor.zerosLike(images), targets, 32).squeeze(1),
                GradCam.compute(layers, GRAD_CAM_SPLIT, images, targets));
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("runs", "explain");
        var cnn = trainCnn(RenderedDigits.generate(4_000, 1), 2, 0, System.out);
        TensorDataset test = RenderedDigits.generate(500, 2);
        try (var ignored = Grad.noGrad()) {
            double accuracy = cnn.forward(test.inputs()).argmax(-1, false).eq(test.targets()).float32().mean().item();
            System.out.printf(Locale.ROOT, "digit CNN: held-out accuracy %.4f on 500 rendered digits%n", accuracy);
        }
        Tensor images = test.inputs().narrow(0, 0, 8).contiguous();
        long[] targets = test.targets().narrow(0, 0, 8).toLongArray();
        List<String> titles = List.of("input", "saliency", "grad x input", "integrated grad", "Grad-CAM");
        boolean[] signed = {false, true, true, true, false};
        List<Tensor> trained = explain(cnn, images, targets);
        var columns = new ArrayList<Tensor>(List.of(images.squeeze(1)));
        columns.addAll(trained);
        ExplanationPictures.grid(out.resolve("digits.png"), titles, columns, signed);

        var random = new SmallCnn(8, 16, 64);      // same architecture, fresh random weights
        random.eval();
        List<Tensor> randomised = explain(random, images, targets);
        var randomColumns = new ArrayList<Tensor>(List.of(images.squeeze(1)));
        randomColumns.addAll(randomised);
        ExplanationPictures.grid(out.resolve("sanity.png"), titles, randomColumns, signed);
        System.out.println("sanity check: Spearman rank correlation of |map| between trained and randomised weights (1 = unchanged)");
        for (int m = 0; m < trained.size(); m++) {
            System.out.printf(Locale.ROOT, "  %-16s %.3f%n", titles.get(m + 1),
                    RankCorrelation.spearman(trained.get(m).abs().toFloatArray(), randomised.get(m).abs().toFloatArray()));
        }

        var sentences = ToySentiment.generate(3_000, 3);
        var text = trainText(new ArrayList<>(sentences.subList(0, 2_500)), 4, 4);
        var held = sentences.subList(2_500, 3_000);
        try (var ignored = Grad.noGrad()) {
            double accuracy = text.forward(ids(held)).argmax(-1, false).eq(labels(held)).float32().mean().item();
            System.out.printf(Locale.ROOT, "text classifier: held-out accuracy %.4f on 500 generated sentences%n", accuracy);
        }
        var shown = held.subList(0, 10);
        long[] textTargets = labels(shown).toLongArray();
        Tensor attributions = TokenAttributions.integratedGradients(text, ids(shown), textTargets, 32);
        List<String[]> words = new ArrayList<>();
        List<float[]> scores = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < shown.size(); s++) {
            words.add(ToySentiment.text(shown.get(s)).split(" "));
            float[] row = attributions.select(0, s).contiguous().toFloatArray();
            scores.add(java.util.Arrays.copyOf(row, shown.get(s).ids().length));
            labels.add(shown.get(s).label() == 1 ? "pos" : "neg");
        }
        ExplanationPictures.tokens(out.resolve("tokens.png"), words, scores, labels);
        System.out.printf(Locale.ROOT, "top token is a sentiment word in %.1f%% of 500 held-out sentences (integrated gradients)%n",
                100 * topTokenIsSentiment(text, held));
        System.out.println("pictures: " + out.toAbsolutePath().resolve("digits.png") + ", sanity.png, tokens.png");
    }

    /** The fraction of sentences whose most attributed token (integrated gradients, for the true label) is a sentiment word. */
    public static double topTokenIsSentiment(TextClassifier model, List<ToySentiment.Sentence> sentences) {
        Tensor attributions = TokenAttributions.integratedGradients(model, ids(sentences), labels(sentences).toLongArray(), 16);
        int hits = 0;
        for (int s = 0; s < sentences.size(); s++) {
            int length = sentences.get(s).ids().length, best = 0;
            for (int t = 1; t < length; t++) {
                if (attributions.get(s, t) > attributions.get(s, best)) best = t;
            }
            if (sentences.get(s).sentiment()[best]) hits++;
        }
        return (double) hits / sentences.size();
    }
}
