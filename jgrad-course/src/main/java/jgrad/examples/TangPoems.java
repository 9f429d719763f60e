package jgrad.examples;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.Fortunes;
import jgrad.models.GPT;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.text.CharTokenizer;
import jgrad.text.Sampler;
import jgrad.train.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * A character-level GPT on the 300 Tang poems ({@code tang300} of the Debian package {@code fortunes-zh}):
 * each poem's body (title and author removed) is one text, poems are split 90/10 into training and
 * validation, every Chinese character is one token ({@link CharTokenizer} counts code points, so
 * characters outside the Basic Multilingual Plane are whole too), and the model learns the regular
 * five- and seven-character lines of the jueju and lüshi forms. Reports validation loss and prints
 * samples with the share of their lines in a regular form.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.TangPoems -Djgrad.args="400"
 * </pre>
 * Argument: training steps (default 400; the validation loss is lowest near 300 steps and rises after, see lecture 14).
 */
public final class TangPoems {
    /** Marks the end of a poem: the model learns to stop. */
    static final char END = '\n';
    /** Stands for characters of validation poems never seen in training. */
    static final char UNKNOWN = '□';

    /** Training and validation poem texts and the tokenizer built on the training poems. */
    public record Data(String train, String validation, CharTokenizer tokenizer) {
    }

    private TangPoems() {
    }

    /** The poem bodies of {@code poems} (tang300 entries), split 90/10 by poem. */
    public static Data prepare(Fortunes poems, long seed) {
        Fortunes.Split split = poems.split(0.1, seed);
        String train = joined(split.train()), validation = joined(split.test());
        return new Data(train, validation, CharTokenizer.fromText(train, UNKNOWN));
    }

    /** Each poem as its body lines run together ("床前明月光，疑是地上霜。..."), followed by {@link #END}. */
    private static String joined(List<Fortunes.LabeledText> poems) {
        return poems.stream().map(poem -> body(poem.text()) + END).collect(Collectors.joining());
    }

    /** The lines after the title (《...》) and author (作者：...) lines, without spaces or line breaks. */
    static String body(String entry) {
        return entry.lines().filter(line -> !line.startsWith("《") && !line.startsWith("作者"))
                .map(line -> line.replaceAll("\\s", "")).collect(Collectors.joining());
    }

    /**
     * The GPT of the demo: 3 layers, 4 heads, width 96, context 48 characters (three lines of a
     * seven-character poem). The head over some 3,000 characters dominates the cost of a step.
     */
    public static GPT model(Data data, long seed) {
        return new GPT(new GPT.Config(48, data.tokenizer().vocabSize(), 3, 4, 96, 0.1, true), new SplittableRandom(seed));
    }

    /** Trains for {@code steps} steps on random windows (AdamW, lr 2e-3 decaying linearly to 2e-4) and returns the last training loss. */
    public static double train(GPT model, Data data, int steps, int batch, long seed, boolean progress) {
        return train(model, data, steps, batch, seed, progress, step -> { });
    }

    /** As {@link #train(GPT, Data, int, int, long, boolean)}, calling {@code afterStep} with the number of steps done after each. */
    public static double train(GPT model, Data data, int steps, int batch, long seed, boolean progress, IntConsumer afterStep) {
        int[] ids = data.tokenizer().encode(data.train());
        var optimizer = new AdamW(model.parameters(), 2e-3, 0.9, 0.99, 1e-8, 0.1, false);
        var random = new SplittableRandom(seed);
        Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), "train", steps) : null;
        double loss = Double.NaN;
        model.train();
        for (int step = 0; step < steps; step++) {
            double lr = 2e-3 * (1 - 0.9 * step / (double) steps);
            optimizer.paramGroups().forEach(group -> group.set("lr", lr));
            Tensor[] xy = windows(ids, batch, model.config().blockSize(), random);
            optimizer.zeroGrad();
            Tensor value = model.loss(xy[0], xy[1]);
            value.backward();
            ClipGrad.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
            loss = value.item();
            if (bar != null) bar.step(loss);
            afterStep.accept(step + 1);
            model.train();
        }
        return loss;
    }

    /** Mean cross-entropy (nats per character) on {@code iters} batches of random windows of {@code text}. */
    public static double loss(GPT model, Data data, String text, int iters, long seed) {
        int[] ids = data.tokenizer().encode(text);
        var random = new SplittableRandom(seed);
        model.eval();
        double total = 0;
        try (var ignored = Grad.noGrad()) {
            for (int i = 0; i < iters; i++) {
                Tensor[] xy = windows(ids, 16, model.config().blockSize(), random);
                total += model.loss(xy[0], xy[1]).item();
            }
        }
        return total / iters;
    }

    /**
     * The baseline a model must beat: the cross-entropy of {@code text}'s characters under the training
     * text's character frequencies, add-one smoothed (what a model knows that ignores the characters before).
     */
    public static double unigramLoss(Data data, String text) {
        int vocab = data.tokenizer().vocabSize();
        double[] counts = new double[vocab];
        java.util.Arrays.fill(counts, 1);
        int[] train = data.tokenizer().encode(data.train());
        for (int id : train) counts[id]++;
        double total = train.length + vocab, loss = 0;
        int[] ids = data.tokenizer().encode(text);
        for (int id : ids) loss -= Math.log(counts[id] / total);
        return loss / ids.length;
    }

    /** {@code batch} random windows of {@code block} ids and the ids one step later, both {@code (B, T)}. */
    static Tensor[] windows(int[] ids, int batch, int block, RandomGenerator random) {
        if (ids.length <= block) {
            throw new IllegalArgumentException("TangPoems: the text has " + ids.length + " characters, fewer than the context " + (block + 1));
        }
        long[] x = new long[batch * block], y = new long[batch * block];
        for (int b = 0; b < batch; b++) {
            int start = random.nextInt(ids.length - block);
            for (int t = 0; t < block; t++) {
                x[b * block + t] = ids[start + t];
                y[b * block + t] = ids[start + t + 1];
            }
        }
        return new Tensor[] {Tensor.of(x, batch, block), Tensor.of(y, batch, block)};
    }

    /** A poem sampled after {@code firstCharacter}, up to {@link #END} or {@code maxLength} characters. */
    public static String sample(GPT model, Data data, String firstCharacter, int maxLength, double temperature, RandomGenerator random) {
        int[] prompt = data.tokenizer().encode(END + firstCharacter);
        Tensor idx = Tensor.of(java.util.Arrays.stream(prompt).asLongStream().toArray(), 1, prompt.length);
        Tensor out = model.generate(idx, maxLength, new Sampler().withTemperature(temperature), random);
        long[] tokens = out.toLongArray();
        var ids = new int[tokens.length - 1];
        for (int i = 1; i < tokens.length; i++) ids[i - 1] = (int) tokens[i];
        String text = data.tokenizer().decode(ids);
        int end = text.indexOf(END);
        return end < 0 ? text : text.substring(0, end);
    }

    /**
     * The share of a text's lines (clauses ending in ， 。 ？ or ！) that have five or seven characters,
     * the lengths of regular Tang verse; 1 for a well-formed jueju or lüshi.
     */
    public static double regularLineShare(String poem) {
        var lines = new ArrayList<String>();
        for (String line : poem.split("[，。？！；]")) {
            if (!line.isEmpty()) lines.add(line);
        }
        if (lines.isEmpty()) return 0;
        long regular = lines.stream().mapToInt(line -> line.codePointCount(0, line.length())).filter(n -> n == 5 || n == 7).count();
        return (double) regular / lines.size();
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path corpus = Fortunes.defaultDirectory();
        if (!Fortunes.isAvailable(corpus, "tang300")) {
            System.err.println("tang300 is not in " + corpus + ": install the Debian package fortunes-zh, or copy it to $JGRAD_DATA/fortunes");
            System.exit(2);
        }
        Data data = prepare(Fortunes.load(corpus, "tang300"), 42);
        System.out.printf(Locale.ROOT, "%d training and %d validation characters, %d distinct characters%n",
                data.train().codePointCount(0, data.train().length()), data.validation().codePointCount(0, data.validation().length()),
                data.tokenizer().vocabSize());
        System.out.printf(Locale.ROOT, "validation loss of a uniform guess ln V = %.3f, of the training character frequencies %.3f nats per character%n",
                Math.log(data.tokenizer().vocabSize()), unigramLoss(data, data.validation()));
        GPT model = model(data, 1);
        long start = System.nanoTime();
        int every = Math.max(1, steps / 8);
        double trainLoss = train(model, data, steps, 16, 7, true, done -> {
            if (done % every == 0 && done < steps) {
                System.out.printf(Locale.ROOT, "  step %d: validation loss %.3f%n", done, loss(model, data, data.validation(), 20, 3));
            }
        });
        System.out.printf(Locale.ROOT, "after %d steps (%.1f s): training loss %.3f, validation loss %.3f nats per character%n",
                steps, (System.nanoTime() - start) / 1e9, trainLoss, loss(model, data, data.validation(), 20, 3));
        var random = new SplittableRandom(11);
        double share = 0;
        String[] firsts = {"春", "月", "山", "白", "江", "秋"};
        for (String first : firsts) {
            String poem = sample(model, data, first, 64, 0.8, random);
            share += regularLineShare(poem);
            System.out.println(poem);
        }
        System.out.printf(Locale.ROOT, "lines of five or seven characters in the samples: %.0f%%%n", 100 * share / firsts.length);
    }
}
