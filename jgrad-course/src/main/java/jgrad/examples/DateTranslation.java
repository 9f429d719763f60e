package jgrad.examples;

import jgrad.Tensor;
import jgrad.models.Seq2SeqAttention;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.text.CharTokenizer;
import jgrad.viz.AttentionPlot;
import jgrad.viz.Charts;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Translates human-written dates to ISO dates ({@code "3rd of March 2021"} → {@code "2021-03-03"})
 * with a character-level encoder–decoder with attention ({@link Seq2SeqAttention}), on dates from
 * {@link HumanDates} (numeric formats day first). Training uses teacher forcing, AdamW and gradient
 * clipping; accuracy is exact match of the greedy translation of days never seen in training. The
 * attention weights show which input characters each output character was read from.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes jgrad.examples.DateTranslation [out-dir] [steps]
 * </pre>
 * writes {@code attention-1.png} … into {@code out-dir} (default {@code out/dates}).
 */
public final class DateTranslation {
    private static final char PAD = '\0';
    private static final char START = '^';
    /** Source characters, {@code PAD} first so that it is id 0. */
    public static final CharTokenizer SOURCE = CharTokenizer.fromText(PAD + HumanDates.ALPHABET);
    /** Target characters: {@code -}, the digits, and the start symbol the decoder begins from. */
    public static final CharTokenizer TARGET = CharTokenizer.fromText("-0123456789" + START);
    /** Every ISO date {@code yyyy-mm-dd} has ten characters. */
    public static final int ISO_LENGTH = 10;

    /** A batch: source ids {@code (B, S)} padded to the longest row, target ids {@code (B, 10)}, and the pairs. */
    public record Batch(Tensor source, Tensor target, List<HumanDates.Pair> pairs) {
    }

    private final HumanDates dates;
    private final Seq2SeqAttention model;
    private AdamW optimizer;      // made on the first train call and kept, so training in parts equals one long run

    /** A model of width {@code hidden} (embedding and attention widths follow it) on a 10% held-out split. */
    public DateTranslation(int hidden, long seed) {
        this.dates = new HumanDates(0.1, seed);
        var config = new Seq2SeqAttention.Config(SOURCE.vocabSize(), TARGET.vocabSize(), SOURCE.encode(String.valueOf(PAD))[0],
                TARGET.encode(String.valueOf(START))[0], 16, hidden, hidden);
        this.model = new Seq2SeqAttention(config, new SplittableRandom(seed));
    }

    public Seq2SeqAttention model() {
        return model;
    }

    public HumanDates dates() {
        return dates;
    }

    /** {@code size} random pairs from the training or the held-out days. */
    public Batch batch(int size, boolean heldOut, RandomGenerator random) {
        List<HumanDates.Pair> pairs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            pairs.add(dates.sample(heldOut, random));
        }
        return batchOf(pairs);
    }

    /** Encodes {@code pairs}, padding the sources with {@code PAD} to the longest one. */
    public static Batch batchOf(List<HumanDates.Pair> pairs) {
        int width = pairs.stream().mapToInt(p -> p.human().length()).max().orElse(1);
        long[] source = new long[pairs.size() * width];          // zeros: PAD is id 0
        long[] target = new long[pairs.size() * ISO_LENGTH];
        for (int b = 0; b < pairs.size(); b++) {
            int[] human = SOURCE.encode(pairs.get(b).human()), iso = TARGET.encode(pairs.get(b).iso());
            for (int s = 0; s < human.length; s++) {
                source[b * width + s] = human[s];
            }
            for (int t = 0; t < ISO_LENGTH; t++) {
                target[b * ISO_LENGTH + t] = iso[t];
            }
        }
        return new Batch(Tensor.of(source, pairs.size(), width), Tensor.of(target, pairs.size(), ISO_LENGTH), pairs);
    }

    /** Trains with AdamW at {@code lr}, gradients clipped to norm 1, continuing from earlier calls; returns the last loss. */
    public double train(int steps, int batchSize, double lr, RandomGenerator random) {
        if (optimizer == null) {
            optimizer = new AdamW(model.parameters(), lr);
        }
        optimizer.paramGroups().forEach(group -> group.set("lr", lr));
        model.train();
        double loss = Double.NaN;
        for (int step = 0; step < steps; step++) {
            Batch batch = batch(batchSize, false, random);
            optimizer.zeroGrad();
            Tensor value = model.loss(batch.source(), batch.target());
            value.backward();
            ClipGrad.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
            loss = value.item();
        }
        return loss;
    }

    /** The greedy ISO translation of each human-written date, and its attention weights (output chars × input chars). */
    public record Translation(String human, String iso, double[][] weights) {
    }

    public List<Translation> translate(List<String> humans) {
        model.eval();
        var batch = batchOf(humans.stream().map(h -> new HumanDates.Pair(h, "0000-00-00")).toList());
        var out = model.translate(batch.source(), ISO_LENGTH);
        List<Translation> translations = new ArrayList<>(humans.size());
        for (int b = 0; b < humans.size(); b++) {
            long[] ids = out.tokens().select(0, b).toLongArray();
            String iso = TARGET.decode(Arrays.stream(ids).mapToInt(Math::toIntExact).toArray());
            Tensor weights = out.weights().select(0, b).narrow(1, 0, humans.get(b).length());   // (10, len): drop padding
            double[][] grid = new double[ISO_LENGTH][];
            for (int t = 0; t < ISO_LENGTH; t++) {
                grid[t] = weights.select(0, t).toDoubleArray();
            }
            translations.add(new Translation(humans.get(b), iso, grid));
        }
        return translations;
    }

    /** Fraction of {@code count} held-out pairs (drawn from {@code random}) translated exactly. */
    public double exactMatch(int count, RandomGenerator random) {
        List<HumanDates.Pair> pairs = batch(count, true, random).pairs();
        var translations = translate(pairs.stream().map(HumanDates.Pair::human).toList());
        int correct = 0;
        for (int i = 0; i < count; i++) {
            correct += translations.get(i).iso().equals(pairs.get(i).iso()) ? 1 : 0;
        }
        return (double) correct / count;
    }

    /**
     * The attention weights as a heatmap ({@link AttentionPlot}): one row per output character (the
     * y tick labels, top to bottom), one column per input character (the x tick labels), and a colour
     * scale from weight 0 to 1.
     */
    public static BufferedImage heatmap(Translation translation) {
        return AttentionPlot.render(translation.weights(), AttentionPlot.characters(translation.human()),
                AttentionPlot.characters(translation.iso()), "\"" + translation.human() + "\" → " + translation.iso(),
                "input character (read from)", "output character");
    }

    /** Writes {@code heatmap(t)} for each translation to {@code dir/attention-<i>.png} (atomically); returns the paths. */
    public static List<Path> writeHeatmaps(Path dir, List<Translation> translations) throws IOException {
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < translations.size(); i++) {
            Path png = dir.resolve("attention-" + (i + 1) + ".png");
            Charts.writePng(heatmap(translations.get(i)), png);
            written.add(png);
        }
        return written;
    }

    /** Inputs of the demo's heatmaps: a few formats and cases (these days may or may not be held out). */
    static final List<String> HEATMAP_EXAMPLES = List.of("3rd of March 2021", "Wednesday, March 3, 2021", "03/03/2021",
            "the 29th of february, 1984", "17 NOV 1963");

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "out/dates");
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        var task = new DateTranslation(64, 1);
        var random = new SplittableRandom(42);
        long start = System.nanoTime();
        for (int done = 0; done < steps; done += 200) {
            double loss = task.train(Math.min(200, steps - done), 64, 3e-3, random);
            System.out.printf(Locale.ROOT, "step %4d  loss %.4f  held-out exact match %.1f%%  (%.1f s)%n", Math.min(done + 200, steps),
                    loss, 100 * task.exactMatch(1000, new SplittableRandom(7)), (System.nanoTime() - start) / 1e9);
        }
        List<Translation> examples = task.translate(HEATMAP_EXAMPLES);
        examples.forEach(t -> System.out.printf("%-28s -> %s%n", t.human(), t.iso()));
        List<Path> written = writeHeatmaps(dir, examples);
        System.out.println("attention heatmaps (rows: output characters, columns: input characters) written to "
                + dir.toAbsolutePath() + ": " + written.stream().map(p -> p.getFileName().toString()).toList());
    }
}
