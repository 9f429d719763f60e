package jgrad.serve;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.data.DataLoader;
import jgrad.data.RenderedDigits;
import jgrad.models.GPT;
import jgrad.nn.Module;
import jgrad.optim.AdamW;
import jgrad.text.CharTokenizer;
import jgrad.train.Progress;
import jgrad.train.Trainer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the two small models the server demo and the load test serve, and saves them as
 * {@link ModelBundle}s: a narrow {@code SmallCnn} on digits rendered with Java2D ({@code digits})
 * and a character-level GPT on the fortunes file when Debian's {@code fortunes} package is
 * installed, else on this repository's README ({@code text}). About a minute on 2 cores.
 */
public final class DemoModels {
    public static final String DIGITS = "digits";
    public static final String TEXT = "text";
    private static final Path FORTUNES = Path.of("/usr/share/games/fortunes/fortunes");

    private DemoModels() {
    }

    /** Where the server demo and the load test keep the demo models. */
    public static final Path ROOT = Path.of("runs", "serve");

    /** The two demo model directories under {@code root}, training them first if either is missing. */
    public static List<Path> ensure(Path root, PrintStream out) throws IOException {
        List<Path> dirs = List.of(root.resolve(DIGITS), root.resolve(TEXT));
        if (!dirs.stream().allMatch(d -> Files.exists(d.resolve(ModelBundle.CONFIG)))) {
            out.println("training the demo models into " + root + " (about a minute)");
            Jgrad.manualSeed(0);
            trainDigits(dirs.get(0), 6_000, 2, out);
            trainText(dirs.get(1), 400, out);
        }
        return dirs;
    }

    /** SmallCnn(8, 16, 64) for {@code epochs} epochs on {@code n} rendered digits; prints held-out accuracy. */
    public static Module trainDigits(Path dir, int n, int epochs, PrintStream out) throws IOException {
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("class", "SmallCnn");
        arch.put("channels1", 8L);
        arch.put("channels2", 16L);
        arch.put("hidden", 64L);
        var config = ModelBundle.imageClassifierConfig(DIGITS, arch, 10);
        Module model = ModelBundle.build(arch, 0);
        var trainer = new Trainer(model, new AdamW(model.parameters(), 2e-3)).withOutput(out, Progress.isTerminal());
        trainer.fit(new DataLoader(RenderedDigits.generate(n, 1), 64, true, 0), null, epochs);
        var result = trainer.evaluate(new DataLoader(RenderedDigits.generate(1_000, 2), 250));
        out.printf("digits: held-out accuracy %.4f on 1000 rendered digits%n", result.accuracy());
        ModelBundle.save(dir, config, model, null);
        return model;
    }

    /** A 2-layer character GPT (block 64, width 64) trained {@code steps} steps on batches of 16 windows. */
    public static Module trainText(Path dir, int steps, PrintStream out) throws IOException {
        String text = Files.exists(FORTUNES) ? Files.readString(FORTUNES, StandardCharsets.UTF_8)
                : Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        var tokenizer = CharTokenizer.fromText(text);
        int[] ids = tokenizer.encode(text);
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("class", "GPT");
        arch.put("block_size", 64L);
        arch.put("vocab_size", (long) tokenizer.vocabSize());
        arch.put("n_layer", 2L);
        arch.put("n_head", 4L);
        arch.put("n_embd", 64L);
        arch.put("bias", true);
        var gpt = (GPT) ModelBundle.build(arch, 0);
        var optimizer = new AdamW(gpt.parameters(), 3e-3);
        var random = new SplittableRandom(0);
        var progress = new Progress(out, Progress.isTerminal(), "text", steps);
        int batch = 16, block = 64;
        for (int step = 0; step < steps; step++) {
            long[] x = new long[batch * block];
            long[] y = new long[batch * block];
            for (int b = 0; b < batch; b++) {
                int start = random.nextInt(ids.length - block - 1);
                for (int t = 0; t < block; t++) {
                    x[b * block + t] = ids[start + t];
                    y[b * block + t] = ids[start + t + 1];
                }
            }
            optimizer.zeroGrad();
            Tensor loss = gpt.loss(Tensor.of(x, batch, block), Tensor.of(y, batch, block));
            loss.backward();
            optimizer.step();
            progress.step(loss.item());
        }
        ModelBundle.save(dir, ModelBundle.textGeneratorConfig(TEXT, arch, 256), gpt, tokenizer);
        return gpt;
    }
}
