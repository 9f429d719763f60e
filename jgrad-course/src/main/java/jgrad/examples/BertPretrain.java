package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.MaskedLanguageModeling;
import jgrad.io.Safetensors;
import jgrad.models.BertConfig;
import jgrad.models.BertForMaskedLM;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.optim.WarmupLinearLR;
import jgrad.text.BasicTokenizer;
import jgrad.text.BertTokenizer;
import jgrad.text.WordPieceTrainer;
import jgrad.train.Progress;

/**
 * Masked-language-model pretraining of a small BERT on real text, the first half of BERT's recipe:
 * <ol>
 *   <li>learn a WordPiece vocabulary from the training text ({@link WordPieceTrainer});</li>
 *   <li>encode every text once ({@code [CLS] … [SEP]}, at most {@code maxLength} tokens);</li>
 *   <li>each step: a random batch, 15% of its tokens chosen (80% {@code [MASK]}, 10% random, 10% kept,
 *       {@link MaskedLanguageModeling}), cross-entropy on the chosen positions, AdamW with warm-up
 *       and linear decay, gradient clipping at 1;</li>
 *   <li>every {@code evalEvery} steps the loss on held-out text (the same masks each time, so the
 *       numbers compare), and a checkpoint when it is the best so far.</li>
 * </ol>
 * The checkpoint is a folder in Hugging Face's layout: {@code config.json}, {@code vocab.txt} and
 * {@code model.safetensors} with {@code BertForMaskedLM}'s names, so {@link BertFineTune} (or
 * Hugging Face's own code) can load it. Run it through {@link BertFineTune}, which pretrains first
 * when the folder is missing, or alone:
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.BertPretrain -Djgrad.args="--steps 1500"
 * </pre>
 */
public final class BertPretrain {
    private BertPretrain() {
    }

    /** Model size and training budget. */
    public record Options(Path directory, int vocabSize, int hidden, int layers, int heads, int maxLength, int batchSize,
                          int steps, double lr, int evalEvery, long seed) {
        public static Options defaults(Path directory) {
            return new Options(directory, 2000, 64, 2, 4, 64, 32, 2500, 1e-3, 250, 0);
        }
    }

    /** The validation loss at each evaluation, its best value, and the wall time. */
    public record Result(List<Double> validationLosses, double bestValidationLoss, double seconds) {
    }

    public static void main(String[] args) throws IOException {
        var options = parse(args, Options.defaults(BertFineTune.DEFAULT_PRETRAINED));
        var corpus = BertFineTune.pretrainingCorpus(BertFineTune.fortunesOrExit(), 0.05, options.seed());
        pretrain(corpus.train(), corpus.validation(), options, System.out);
    }

    /** Trains a vocabulary and a {@link BertForMaskedLM} on {@code train}, evaluating on {@code validation}; writes the checkpoint folder. */
    public static Result pretrain(List<String> train, List<String> validation, Options o, PrintStream out) throws IOException {
        long start = System.nanoTime();
        var basic = new BasicTokenizer(true, true, Set.copyOf(BertTokenizer.SPECIAL_TOKENS));
        var tokenizer = new BertTokenizer(WordPieceTrainer.train(train, o.vocabSize(), 2, basic), true, true);
        out.printf(Locale.ROOT, "WordPiece vocabulary: %d tokens learnt from %d texts (%.1f s)%n", tokenizer.vocabSize(),
                train.size(), (System.nanoTime() - start) / 1e9);
        List<BertTokenizer.Encoding> trainIds = encodeAll(tokenizer, train, o.maxLength());
        List<BertTokenizer.Encoding> validationIds = encodeAll(tokenizer, validation, o.maxLength());

        var random = new SplittableRandom(o.seed());
        var config = BertConfig.small(tokenizer.vocabSize(), o.hidden(), o.layers(), o.heads(), o.maxLength(), 0.1);
        var model = new BertForMaskedLM(config, random.split());
        out.printf(Locale.ROOT, "BertForMaskedLM: hidden %d, %d layers, %d heads, %,d parameters; %d steps of %d texts%n",
                o.hidden(), o.layers(), o.heads(), model.parameterCount(), o.steps(), o.batchSize());
        AdamW optimizer = BertFineTune.adamW(model.namedParameters(), o.lr(), 0.01);
        var schedule = new WarmupLinearLR(optimizer, o.steps() / 10, o.steps());
        Set<Integer> specials = tokenizer.specialIds();
        int maskId = tokenizer.tokenToId(BertTokenizer.MASK);

        List<Double> losses = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        var progress = new Progress(out, Progress.isTerminal(), "pretrain", o.steps());
        for (int step = 1; step <= o.steps(); step++) {
            model.train();
            List<BertTokenizer.Encoding> rows = new ArrayList<>();
            for (int i = 0; i < o.batchSize(); i++) {
                rows.add(trainIds.get(random.nextInt(trainIds.size())));
            }
            var batch = tokenizer.collate(rows, 0);
            var masked = MaskedLanguageModeling.mask(batch.inputIds(), batch.attentionMask(), specials, maskId,
                    tokenizer.vocabSize(), 0.15, random);
            Tensor loss = model.loss(masked.inputIds(), batch.attentionMask(), masked.labels());
            optimizer.zeroGrad();
            loss.backward();
            ClipGrad.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
            schedule.step();
            progress.step(loss.item());
            if (step % o.evalEvery() == 0 || step == o.steps()) {
                double validationLoss = validationLoss(model, tokenizer, validationIds, o.batchSize());
                losses.add(validationLoss);
                boolean improved = validationLoss < best;
                if (improved) {
                    best = validationLoss;
                    save(model, config, tokenizer, o.directory());
                }
                out.printf(Locale.ROOT, "step %d: validation MLM loss %.4f%s%n", step, validationLoss,
                        improved ? " (best: checkpoint written to " + o.directory() + ")" : "");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "pretraining done in %.1f s; best validation loss %.4f%n", seconds, best);
        return new Result(losses, best, seconds);
    }

    /** Mean masked-token loss over the validation texts, with masks from a fixed seed so evaluations compare. */
    static double validationLoss(BertForMaskedLM model, BertTokenizer tokenizer, List<BertTokenizer.Encoding> texts, int batchSize) {
        model.eval();
        var random = new SplittableRandom(12345);
        double sum = 0;
        long count = 0;
        try (var ignored = Grad.noGrad()) {
            for (int from = 0; from < texts.size(); from += batchSize) {
                var batch = tokenizer.collate(texts.subList(from, Math.min(texts.size(), from + batchSize)), 0);
                var masked = MaskedLanguageModeling.mask(batch.inputIds(), batch.attentionMask(), tokenizer.specialIds(),
                        tokenizer.tokenToId(BertTokenizer.MASK), tokenizer.vocabSize(), 0.15, random);
                long predicted = java.util.Arrays.stream(masked.labels().toLongArray()).filter(v -> v != MaskedLanguageModeling.IGNORE).count();
                if (predicted > 0) {
                    sum += model.loss(masked.inputIds(), batch.attentionMask(), masked.labels()).item() * predicted;
                    count += predicted;
                }
            }
        }
        return sum / Math.max(1, count);
    }

    static List<BertTokenizer.Encoding> encodeAll(BertTokenizer tokenizer, List<String> texts, int maxLength) {
        List<BertTokenizer.Encoding> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(tokenizer.encode(text, null, maxLength));
        }
        return out;
    }

    /** Writes {@code config.json}, {@code vocab.txt} and {@code model.safetensors} (each atomically). */
    static void save(BertForMaskedLM model, BertConfig config, BertTokenizer tokenizer, Path directory) throws IOException {
        Files.createDirectories(directory);
        config.save(directory.resolve("config.json"));
        tokenizer.save(directory.resolve("vocab.txt"));
        Safetensors.save(model.stateDict(), java.util.Map.of("format", "pt"), directory.resolve("model.safetensors"));
    }

    static Options parse(String[] args, Options d) {
        var a = new BertFineTune.Args(args);
        return new Options(Path.of(a.string("dir", d.directory().toString())), a.integer("vocab", d.vocabSize()),
                a.integer("hidden", d.hidden()), a.integer("layers", d.layers()), a.integer("heads", d.heads()),
                a.integer("max-length", d.maxLength()), a.integer("batch", d.batchSize()), a.integer("steps", d.steps()),
                a.number("lr", d.lr()), a.integer("eval-every", d.evalEvery()), a.integer("seed", (int) d.seed()));
    }
}
