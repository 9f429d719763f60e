package jgrad.examples;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.io.AtomicFiles;
import jgrad.models.GPT;
import jgrad.nn.Embedding;
import jgrad.nn.GRU;
import jgrad.nn.LSTM;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.RNN;
import jgrad.nn.functional.Attention;
import jgrad.nn.functional.F;
import jgrad.notebook.Plot;
import jgrad.optim.Adam;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.text.CharTokenizer;
import jgrad.train.Curves;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Draws the pictures of lectures 6 (recurrent networks) and 7 (attention and GPT) from seeded runs:
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.SequenceFigures -Djgrad.args="lectures/img"
 * </pre>
 * It writes {@code 06-gradient-norms.png}, {@code 06-char-models.png}, {@code 07-sort-training.png}
 * and {@code 07-attention.png} into the folder (default {@code lectures/img}). With {@code --quick}
 * every run is cut short (for tests).
 */
public final class SequenceFigures {
    private SequenceFigures() {
    }

    private static final Color BLUE = new Color(0x1f77b4), ORANGE = new Color(0xff7f0e), GREEN = new Color(0x2ca02c),
            RED = new Color(0xd62728);

    /** How long the runs are: the lecture figures, or a smoke test. */
    record Scale(int charSteps, int sortSteps, int evaluateEvery, int evaluationLists) {
        static final Scale FULL = new Scale(400, 1500, 100, 200);
        static final Scale QUICK = new Scale(2, 2, 1, 5);
    }

    public static void main(String[] args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        Path dir = Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst().orElse("lectures/img"));
        Scale scale = quick ? Scale.QUICK : Scale.FULL;
        gradientNorms(dir.resolve("06-gradient-norms.png"));
        charModels(dir.resolve("06-char-models.png"), scale);
        sortTask(dir, scale);
    }

    // ---------------------------------------------------------------------------------------------
    // Unit 6
    // ---------------------------------------------------------------------------------------------

    /** Sequence length of the gradient-norm experiment. */
    static final int STEPS = 60;

    /**
     * log10 of {@code ||dL/dx_t||} against t when the loss reads only the last hidden state: how much
     * of the gradient reaches each step. A tanh RNN and an LSTM with PyTorch's initialisation, the
     * same RNN with W_hh tripled, and the same LSTM with its forget-gate bias raised by 3 (float64,
     * one random batch).
     */
    static void gradientNorms(Path png) throws IOException {
        Jgrad.manualSeed(6);
        var rnn = new RNN(8, 64);
        var lstm = new LSTM(8, 64);
        var largeRnn = new RNN(8, 64);
        var rememberingLstm = new LSTM(8, 64);
        try (var ignored = Grad.noGrad()) {
            largeRnn.namedParameters().get("weight_hh_l0").mul_(3.0);
            // rows H..2H-1 of the stacked bias are the forget gate's (gate order i, f, g, o)
            rememberingLstm.namedParameters().get("bias_hh_l0").narrow(0, 64, 64).add_(Tensor.full(3.0, DType.FLOAT32, 64), 1.0);
        }
        Curves.save(png, List.of(new Curves.Panel("log10 ||dL/dx_t||", List.of(
                new Curves.Series("RNN", toList(inputGradientNorms(rnn, 8, 64)), BLUE),
                new Curves.Series("RNN, 3 W_hh", toList(inputGradientNorms(largeRnn, 8, 64)), RED),
                new Curves.Series("LSTM", toList(inputGradientNorms(lstm, 8, 64)), ORANGE),
                new Curves.Series("LSTM, b_f + 3", toList(inputGradientNorms(rememberingLstm, 8, 64)), GREEN)))),
                "time step t");
    }

    /**
     * Runs {@code layer} (a sequence layer, not batch first) over {@link #STEPS} random inputs (16, in)
     * and returns {@code log10 ||dL/dx_t||} for t = 1..STEPS, with {@code L = h_T · r} for a random r.
     */
    public static double[] inputGradientNorms(Module layer, int inputSize, int hiddenSize) {
        layer.to(DType.FLOAT64);
        Tensor x = Tensor.randn(DType.FLOAT64, STEPS, 16, inputSize).requiresGrad(true);
        Tensor output = layer.forward(x);                                           // (T, 16, H)
        Tensor readout = Tensor.randn(DType.FLOAT64, 16, hiddenSize);
        output.select(0, STEPS - 1).mul(readout).sum().backward();
        double[] logNorms = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            logNorms[t] = Math.log10(Math.max(1e-300, x.grad().select(0, t).pow(2.0).sum().sqrt().item()));
        }
        return logNorms;
    }

    /** A paragraph to model (about 1,000 characters), written for this course and small enough to ship inside the source. */
    static final String TEXT = """
            The keeper of the lighthouse wrote in her log every evening. She wrote the wind and the \
            weather, the ships that passed and the ships that did not come. When the lamp was lit she \
            climbed down the stairs, counted them, and wrote the number in the margin: one hundred and \
            twelve, always one hundred and twelve. The sea changed its colour with the sky, grey in the \
            morning and green at noon, and at night it was only a sound below the window. In winter the \
            storms came from the west and the whole tower hummed like a bell. In summer the fishermen \
            waved from their boats and she waved back, although they could not see her behind the glass. \
            Once a year a boat brought oil, bread, letters and a new book, and once a year she read the \
            letters slowly, one a week, so that they would last until the boat came again. She kept the \
            lamp clean and the glass clear, she wound the clock that turned the light, and she wrote in \
            her log that the light had turned all night and that the sea had been calm, or rough, or \
            calm again by the morning.
            """;

    /** Character-level language models with a tanh RNN, a GRU and an LSTM, trained alike on {@link #TEXT}. */
    static void charModels(Path png, Scale scale) throws IOException {
        var tokenizer = CharTokenizer.fromText(TEXT);
        long[] ids = longs(tokenizer.encode(TEXT));
        List<Double> rnn = trainCharModel(ids, tokenizer.vocabSize(), "rnn", scale.charSteps());
        List<Double> gru = trainCharModel(ids, tokenizer.vocabSize(), "gru", scale.charSteps());
        List<Double> lstm = trainCharModel(ids, tokenizer.vocabSize(), "lstm", scale.charSteps());
        Curves.save(png, List.of(new Curves.Panel("loss", List.of(
                new Curves.Series("RNN", rnn, BLUE), new Curves.Series("GRU", gru, GREEN), new Curves.Series("LSTM", lstm, ORANGE)))),
                "25 steps");
    }

    /** embedding (16) → recurrent layer (128, batch first) → linear; windows of 48 characters, Adam 3e-3, clipping at 1. */
    private static List<Double> trainCharModel(long[] ids, int vocab, String kind, int steps) {
        Jgrad.manualSeed(7);
        var embedding = new Embedding(vocab, 16);
        Module recurrent = switch (kind) {
            case "rnn" -> new RNN(16, 128, 1, "tanh", true, true, 0.0, false, Jgrad.generator());
            case "gru" -> new GRU(16, 128, 1, true, true, 0.0, false, Jgrad.generator());
            default -> new LSTM(16, 128, 1, true, true, 0.0, false, Jgrad.generator());
        };
        var head = new Linear(128, vocab);
        List<Tensor> parameters = new ArrayList<>(embedding.parameters());
        parameters.addAll(recurrent.parameters());
        parameters.addAll(head.parameters());
        var optimizer = new Adam(parameters, 3e-3);
        var random = new SplittableRandom(8);
        List<Double> means = new ArrayList<>();
        double sum = 0;
        for (int step = 1; step <= steps; step++) {
            Tensor[] batch = windows(ids, 16, 48, random);
            optimizer.zeroGrad();
            Tensor logits = head.forward(recurrent.forward(embedding.forward(batch[0])));      // (B, T, V)
            Tensor loss = F.crossEntropy(logits.reshape(-1, vocab), batch[1].reshape(-1));
            loss.backward();
            ClipGrad.clipGradNorm(parameters, 1.0);
            optimizer.step();
            sum += loss.item();
            if (step % 25 == 0 || step == steps) {
                means.add(sum / (step % 25 == 0 ? 25 : step % 25));
                sum = 0;
            }
        }
        return means;
    }

    /** Random windows: inputs {@code (B, T)} and the same windows shifted by one as targets. */
    private static Tensor[] windows(long[] ids, int batch, int length, RandomGenerator random) {
        long[] inputs = new long[batch * length], targets = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            int start = random.nextInt(ids.length - length);
            System.arraycopy(ids, start, inputs, b * length, length);
            System.arraycopy(ids, start + 1, targets, b * length, length);
        }
        return new Tensor[] {Tensor.of(inputs, batch, length), Tensor.of(targets, batch, length)};
    }

    // ---------------------------------------------------------------------------------------------
    // Unit 7
    // ---------------------------------------------------------------------------------------------

    /** The list whose attention maps lecture 7 shows: 7 3 9 1 5 0, the separator, and the sorted list but its last digit. */
    static final long[] ATTENTION_EXAMPLE = {7, 3, 9, 1, 5, 0, SortTask.SEPARATOR, 0, 1, 3, 5, 7};

    /** The sort-task GPT's training curve and, after training, its attention maps on one list. */
    static void sortTask(Path dir, Scale scale) throws IOException {
        int length = 6;
        var task = new SortTask(length, SortTask.defaultConfig(length));
        GPT model = task.model();
        var optimizer = new AdamW(model.parameters(), 3e-3);
        var random = new SplittableRandom(42);
        List<Double> losses = new ArrayList<>(), accuracies = new ArrayList<>();
        double sum = 0;
        for (int step = 1; step <= scale.sortSteps(); step++) {
            Tensor[] batch = task.batch(64, random);
            optimizer.zeroGrad();
            Tensor loss = model.loss(batch[0], batch[1]);
            loss.backward();
            optimizer.step();
            sum += loss.item();
            if (step % scale.evaluateEvery() == 0) {
                losses.add(sum / scale.evaluateEvery());
                accuracies.add(task.exactMatch(scale.evaluationLists(), new SplittableRandom(7)));
                model.train();
                sum = 0;
            }
        }
        String unit = scale.evaluateEvery() + " steps";
        Curves.save(dir.resolve("07-sort-training.png"), List.of(
                new Curves.Panel("loss", List.of(new Curves.Series("train", losses, BLUE))),
                new Curves.Panel("exact match", List.of(new Curves.Series("new lists", accuracies, ORANGE)))),
                unit);

        long[] sequence = ATTENTION_EXAMPLE;
        List<Tensor> maps = attentionWeights(model, Tensor.of(sequence, 1, sequence.length));
        List<BufferedImage> heads = new ArrayList<>();
        System.out.printf("sort task: exact match %.3f; from the separator on, the key each head weights most"
                + " (the next sorted digit is at %s)%n", accuracies.isEmpty() ? Double.NaN : accuracies.getLast(),
                Arrays.toString(nextDigitPositions(sequence, length)));
        for (int layer = 0; layer < maps.size(); layer++) {
            for (int h = 0; h < maps.get(layer).size(1); h++) {
                Tensor map = maps.get(layer).select(0, 0).select(0, h);                // (T, T)
                int[] strongest = new int[sequence.length - length];
                for (int row = length; row < sequence.length; row++) {
                    strongest[row - length] = (int) map.select(0, row).argmax().item();
                }
                System.out.printf("  layer %d head %d: %s%n", layer, h, Arrays.toString(strongest));
                heads.add(Plot.heatmap(grid(map), 14));
            }
        }
        save(dir.resolve("07-attention.png"), sideBySide(heads, model.config().nHead(), 10));
    }

    /** For each position from the separator on, where in the unsorted half the digit it must predict next is. */
    private static int[] nextDigitPositions(long[] sequence, int length) {
        long[] sorted = Arrays.copyOf(sequence, length);
        Arrays.sort(sorted);
        int[] positions = new int[sequence.length - length];
        for (int row = length; row < sequence.length; row++) {
            long next = sorted[row - length];
            for (int j = 0; j < length; j++) {
                if (sequence[j] == next) {
                    positions[row - length] = j;
                }
            }
        }
        return positions;
    }

    /**
     * The attention weights of every layer of {@code gpt} for token ids {@code idx (B, T)}: one
     * {@code (B, h, T, T)} tensor per layer, row i holding where query i looks. Recomputed from the
     * model's own modules (layer norm, the q/k projection of {@code c_attn}) in evaluation mode.
     */
    public static List<Tensor> attentionWeights(GPT gpt, Tensor idx) {
        var modules = gpt.namedModules();
        int batch = idx.size(0), length = idx.size(1), width = gpt.config().nEmbd(), heads = gpt.config().nHead();
        List<Tensor> maps = new ArrayList<>();
        try (var ignored = Grad.noGrad()) {
            Tensor x = modules.get("transformer.wte").forward(idx).add(modules.get("transformer.wpe").forward(Tensor.arange(length)));
            for (int layer = 0; layer < gpt.config().nLayer(); layer++) {
                String block = "transformer.h." + layer;
                Tensor qkv = modules.get(block + ".attn.c_attn").forward(modules.get(block + ".ln_1").forward(x));   // (B, T, 3C)
                Tensor q = qkv.narrow(2, 0, width).reshape(batch, length, heads, width / heads).transpose(1, 2);
                Tensor k = qkv.narrow(2, width, width).reshape(batch, length, heads, width / heads).transpose(1, 2);
                maps.add(Attention.scaledDotProduct(q, k, k, null, 0.0, true, Double.NaN, Jgrad.generator()).weights());
                x = modules.get(block).forward(x);
            }
        }
        return maps;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /** Images in a grid of {@code columns}, {@code gap} white pixels apart. */
    private static BufferedImage sideBySide(List<BufferedImage> images, int columns, int gap) {
        int cellWidth = images.getFirst().getWidth(), cellHeight = images.getFirst().getHeight();
        int rows = Math.ceilDiv(images.size(), columns);
        var canvas = new BufferedImage(columns * (cellWidth + gap) + gap, rows * (cellHeight + gap) + gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        for (int i = 0; i < images.size(); i++) {
            g.drawImage(images.get(i), gap + i % columns * (cellWidth + gap), gap + i / columns * (cellHeight + gap), null);
        }
        g.dispose();
        return canvas;
    }

    private static double[][] grid(Tensor matrix) {
        double[] flat = matrix.contiguous().to(DType.FLOAT64).toDoubleArray();
        int rows = matrix.size(0), cols = matrix.size(1);
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    private static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static void save(Path png, BufferedImage image) throws IOException {
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }
}
