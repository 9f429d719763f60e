package jgrad.examples;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.data.GettextCatalog;
import jgrad.models.Seq2SeqAttention;
import jgrad.models.Seq2SeqTransformer;
import jgrad.nn.Module;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.text.Bleu;
import jgrad.text.BpeTokenizer;
import jgrad.text.CharTokenizer;
import jgrad.text.Tokenizer;
import jgrad.train.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * English → French translation on a real parallel corpus that every Debian system carries: the
 * messages of the programs' gettext catalogues ({@code /usr/share/locale/fr/LC_MESSAGES/*.mo},
 * read by {@link GettextCatalog}) with their French translations. Short single-line messages without
 * context or plural forms are kept, one pair per distinct English message; a fixed share of the
 * messages, chosen by a hash of the English text, is held out. All models read and write the same
 * units — byte-level BPE tokens learnt on the training messages (default), or characters: the
 * {@link Seq2SeqTransformer} ({@link #TRANSFORMER}, label smoothing 0.1) and the GRU with attention
 * ({@link Seq2SeqAttention}) at its first width and at the Transformer's size, the same steps and
 * batches each; scored by corpus BLEU (sacreBLEU's 13a) of greedy translations of the held-out messages. Settings were chosen on a validation split carved
 * from the training messages ({@link #validation}), never on the held-out ones.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.GettextTranslation -Djgrad.args="2000 32"
 * </pre>
 * Arguments: training steps (default 600), batch size (default 32), catalogue folder (default
 * {@code /usr/share/locale/fr/LC_MESSAGES}), BPE vocabulary per language (default 1000; 0 for characters),
 * and {@code validation} to score on the validation split instead of the held-out messages.
 */
public final class GettextTranslation {
    /** Longest English message kept, in characters; French ones may be 1.5 times as long. */
    public static final int MAX_SOURCE = 30;
    static final int MAX_TARGET = 45;
    private static final char PAD = '\0', START = '\u0002', END = '\u0003', UNKNOWN = '\u0001';

    /** An English message and its translation. */
    public record Pair(String english, String translation) {
    }

    /**
     * Training and held-out pairs, the tokenizers built on the training pairs alone, and the special ids:
     * the source padding, and the target's start and end tokens.
     */
    public record Data(List<Pair> train, List<Pair> test, Tokenizer source, Tokenizer target, int sourcePad, int start, int end) {
    }

    /**
     * The units both sides are cut into: characters ({@code bpeVocab == 0}), or byte-level BPE
     * ({@link BpeTokenizer}) with {@code bpeVocab} tokens per language, learnt on the training messages only.
     */
    public record Units(int bpeVocab) {
        public static final Units CHARACTERS = new Units(0);

        public Units {
            if (bpeVocab != 0 && bpeVocab < 256) {
                throw new IllegalArgumentException("GettextTranslation.Units: a BPE vocabulary needs at least the 256 bytes, got " + bpeVocab);
            }
        }

        @Override
        public String toString() {
            return bpeVocab == 0 ? "characters" : "BPE " + bpeVocab;
        }
    }

    private GettextTranslation() {
    }

    /** The pairs of every {@code .mo} file of {@code dir}, files in name order, the first translation of a message kept. */
    public static List<Pair> pairs(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".mo")).sorted().toList();
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (Path file : files) {
            for (GettextCatalog.Message message : GettextCatalog.read(file).messages()) {
                String english = message.id(), french = message.translation();
                if (message.context() != null || message.idPlural() != null || french.isEmpty()) continue;
                if (english.length() < 3 || english.length() > MAX_SOURCE || french.length() > MAX_TARGET) continue;
                if (english.contains("\n") || french.contains("\n") || english.chars().anyMatch(c -> c < ' ')
                        || french.chars().anyMatch(c -> c < ' ')) continue;
                kept.putIfAbsent(english, french);
            }
        }
        return kept.entrySet().stream().map(e -> new Pair(e.getKey(), e.getValue())).toList();
    }

    /** Every {@code 1/heldOutEvery}-th message by hash of its English text is held out (at most {@code maxTest}); characters. */
    public static Data split(List<Pair> pairs, int heldOutEvery, int maxTest) {
        return split(pairs, heldOutEvery, maxTest, Units.CHARACTERS);
    }

    /** Every {@code 1/heldOutEvery}-th message by hash of its English text is held out (at most {@code maxTest}). */
    public static Data split(List<Pair> pairs, int heldOutEvery, int maxTest, Units units) {
        return carve(pairs, heldOutEvery, maxTest, 0x9E3779B9, units);
    }

    /**
     * A validation split carved from {@code data}'s training pairs by another hash, for choosing settings
     * without looking at the held-out test pairs: every {@code 1/every}-th training message (at most
     * {@code max}) is validation, the rest train, and the tokenizers are learnt again on the rest.
     */
    public static Data validation(Data data, int every, int max, Units units) {
        return carve(data.train(), every, max, 0x85EBCA6B, units);
    }

    private static Data carve(List<Pair> pairs, int every, int max, int multiplier, Units units) {
        var train = new ArrayList<Pair>();
        var test = new ArrayList<Pair>();
        for (Pair pair : pairs) {
            boolean heldOut = Math.floorMod(pair.english().hashCode() * multiplier, every) == 0;
            if (heldOut && test.size() < max) test.add(pair);
            else if (!heldOut) train.add(pair);
        }
        if (units.bpeVocab() > 0) {
            var english = new StringBuilder();
            var french = new StringBuilder();
            for (Pair pair : train) {
                english.append(pair.english()).append('\n');
                french.append(pair.translation()).append('\n');
            }
            BpeTokenizer source = BpeTokenizer.train(english.toString(), units.bpeVocab()).withSpecialTokens("<pad>");
            BpeTokenizer target = BpeTokenizer.train(french.toString(), units.bpeVocab()).withSpecialTokens("<s>", "</s>");
            return new Data(train, test, source, target, source.specialTokens().get("<pad>"), target.specialTokens().get("<s>"),
                    target.specialTokens().get("</s>"));
        }
        var sourceText = new StringBuilder().append(PAD);
        var targetText = new StringBuilder().append(PAD).append(START).append(END);
        for (Pair pair : train) {
            sourceText.append(pair.english());
            targetText.append(pair.translation());
        }
        CharTokenizer source = CharTokenizer.fromText(sourceText.toString(), UNKNOWN);
        CharTokenizer target = CharTokenizer.fromText(targetText.toString(), UNKNOWN);
        return new Data(train, test, source, target, source.encode(String.valueOf(PAD))[0], target.encode(String.valueOf(START))[0],
                target.encode(String.valueOf(END))[0]);
    }

    /** A batch: source ids {@code (B, S)} padded, decoder inputs {@code (B, T)}, labels {@code (B, T)} with -100 past the end. */
    record Batch(Tensor source, Tensor targetInput, Tensor labels, Tensor teacherTarget) {
    }

    static Batch batch(List<Pair> pairs, Data data) {
        int b = pairs.size(), s = 1, t = 1;
        List<int[]> sources = new ArrayList<>(), targets = new ArrayList<>();
        for (Pair pair : pairs) {
            sources.add(data.source().encode(pair.english()));
            targets.add(data.target().encode(pair.translation()));
            s = Math.max(s, sources.getLast().length);
            t = Math.max(t, targets.getLast().length + 1);
        }
        int pad = data.sourcePad(), start = data.start(), end = data.end();
        long[] source = new long[b * s], input = new long[b * t], labels = new long[b * t], teacher = new long[b * t];
        Arrays.fill(source, pad);
        Arrays.fill(labels, F.DEFAULT_IGNORE_INDEX);
        Arrays.fill(input, end);
        Arrays.fill(teacher, end);
        for (int i = 0; i < b; i++) {
            int[] src = sources.get(i), tgt = targets.get(i);
            for (int j = 0; j < src.length; j++) source[i * s + j] = src[j];
            input[i * t] = start;
            for (int j = 0; j <= tgt.length; j++) {
                long token = j < tgt.length ? tgt[j] : end;
                labels[i * t + j] = token;                    // y_0 .. y_{n-1}, END
                teacher[i * t + j] = token;
                if (j + 1 < t) input[i * t + j + 1] = token;  // START, y_0 .. y_{n-1}
            }
        }
        return new Batch(Tensor.of(source, b, s), Tensor.of(input, b, t), Tensor.of(labels, b, t), Tensor.of(teacher, b, t));
    }

    /**
     * The Transformer's shape and regularisation: width, heads, layers per stack, feed-forward width,
     * dropout, pre-norm ({@code normFirst}) or post-norm layers, and the label smoothing of its loss.
     */
    public record TransformerShape(int dModel, int heads, int layers, int feedforward, double dropout, boolean normFirst,
                                   double labelSmoothing) {
        /** The first version of this demo: post-norm, dropout 0.1, as {@code nn.Transformer}'s defaults. */
        public static final TransformerShape ORIGINAL = new TransformerShape(64, 4, 2, 128, 0.1, false, 0.1);
    }

    /**
     * The learning rate: linear warm-up over {@code warmup} steps to {@code lr}, then constant, or, with
     * {@code cosine}, down along a half cosine to 0 at the last step.
     */
    public record Schedule(double lr, int warmup, boolean cosine) {
        /** The rate at step {@code step} (from 0) of {@code steps}. */
        public double at(int step, int steps) {
            if (step < warmup) return lr * (step + 1) / warmup;
            return cosine ? lr * 0.5 * (1 + Math.cos(Math.PI * (step - warmup) / Math.max(1, steps - warmup))) : lr;
        }
    }

    public static Seq2SeqTransformer transformer(Data data, long seed) {
        return transformer(data, TransformerShape.ORIGINAL, seed);
    }

    public static Seq2SeqTransformer transformer(Data data, TransformerShape shape, long seed) {
        // Positions: a BPE token may be a single byte, so a message can have more tokens than characters.
        var config = new Seq2SeqTransformer.Config(data.source().vocabSize(), data.target().vocabSize(), data.sourcePad(), data.start(),
                data.end(), shape.dModel(), shape.heads(), shape.layers(), shape.feedforward(), shape.dropout(), 4 * MAX_TARGET,
                shape.normFirst());
        return new Seq2SeqTransformer(config, new SplittableRandom(seed));
    }

    /** The GRU with attention of the first version: embedding 32, hidden and attention width 96. */
    public static Seq2SeqAttention gru(Data data, long seed) {
        return gru(data, 32, 96, seed);
    }

    /** A GRU with attention of embedding width {@code embedding} and hidden and attention width {@code hidden}. */
    public static Seq2SeqAttention gru(Data data, int embedding, int hidden, long seed) {
        return new Seq2SeqAttention(new Seq2SeqAttention.Config(data.source().vocabSize(), data.target().vocabSize(), data.sourcePad(),
                data.start(), embedding, hidden, hidden), new SplittableRandom(seed));
    }

    /** Next-token logits {@code (B, T, V)} of either model, fed the true French (teacher forcing). */
    private static Tensor teacherForcedLogits(Module model, Batch batch) {
        return model instanceof Seq2SeqTransformer transformer
                ? transformer.decode(batch.targetInput(), transformer.encode(batch.source()))
                : ((Seq2SeqAttention) model).logits(batch.source(), batch.teacherTarget());
    }

    /** The mean cross-entropy of a batch's next tokens with label smoothing {@code labelSmoothing}; padding ignored. */
    static Tensor loss(Module model, Batch batch, double labelSmoothing) {
        Tensor logits = teacherForcedLogits(model, batch);
        return F.crossEntropy(logits.reshape(-1, logits.size(2)), batch.labels().reshape(-1), null, F.DEFAULT_IGNORE_INDEX,
                Reduction.MEAN, labelSmoothing);
    }

    /**
     * AdamW at {@code lr} with 100 warm-up steps, then constant, clipping at 1, label smoothing 0.1 for a
     * Transformer and none for the GRU; returns the mean loss of the last 100 steps.
     */
    public static double train(Module model, Data data, int steps, int batchSize, double lr, long seed, String name, boolean progress) {
        return train(model, data, steps, batchSize, new Schedule(lr, 100, false), model instanceof Seq2SeqTransformer ? 0.1 : 0, seed,
                name, progress);
    }

    /** AdamW on {@code schedule}, clipping the gradient norm at 1; returns the mean loss of the last 100 steps. */
    public static double train(Module model, Data data, int steps, int batchSize, Schedule schedule, double labelSmoothing, long seed,
                               String name, boolean progress) {
        var optimizer = new AdamW(model.parameters(), schedule.lr());
        var random = new SplittableRandom(seed);
        Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), name, steps) : null;
        double recent = 0;
        model.train();
        for (int step = 0; step < steps; step++) {
            double rate = schedule.at(step, steps);
            optimizer.paramGroups().forEach(group -> group.set("lr", rate));
            var pairs = new ArrayList<Pair>();
            for (int i = 0; i < batchSize; i++) pairs.add(data.train().get(random.nextInt(data.train().size())));
            optimizer.zeroGrad();
            Tensor value = loss(model, batch(pairs, data), labelSmoothing);
            value.backward();
            ClipGrad.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
            double v = value.item();
            if (step >= steps - 100) recent += v / Math.min(100, steps);
            if (bar != null) bar.step(v);
        }
        return recent;
    }

    /**
     * Teacher-forced cross-entropy of the French side of {@code pairs} (every token and the end token),
     * without label smoothing, divided by the number of French characters plus one (for the end): nats per
     * character whatever the units, the number to set against {@link #unigramLoss}.
     */
    public static double heldOutLoss(Module model, Data data, List<Pair> pairs) {
        model.eval();
        double total = 0;
        long characters = 0;
        try (var ignored = jgrad.Grad.noGrad()) {
            for (int first = 0; first < pairs.size(); first += 64) {
                List<Pair> chunk = pairs.subList(first, Math.min(pairs.size(), first + 64));
                Batch batch = batch(chunk, data);
                Tensor logits = teacherForcedLogits(model, batch);
                Tensor sum = F.crossEntropy(logits.reshape(-1, logits.size(2)), batch.labels().reshape(-1), null, F.DEFAULT_IGNORE_INDEX,
                        Reduction.SUM, 0);
                total += sum.item();
                characters += chunk.stream().mapToLong(p -> p.translation().codePointCount(0, p.translation().length()) + 1).sum();
            }
        }
        return total / characters;
    }

    /**
     * The baseline a model must beat: the cross-entropy of {@code pairs}' French characters (and end
     * marks) under the training translations' character frequencies, add-one smoothed over the training
     * characters, the end and one "unknown" — a model that ignores the English message and the characters before.
     */
    public static double unigramLoss(Data data, List<Pair> pairs) {
        Map<Integer, Double> counts = new java.util.HashMap<>();
        int endMark = -1, unknown = -2;
        double total = 0;
        for (Pair pair : data.train()) {
            for (int c : pair.translation().codePoints().toArray()) counts.merge(c, 1.0, Double::sum);
            counts.merge(endMark, 1.0, Double::sum);
            total += pair.translation().codePointCount(0, pair.translation().length()) + 1;
        }
        counts.putIfAbsent(unknown, 0.0);
        total += counts.size();                                             // add-one over every outcome
        double loss = 0;
        long characters = 0;
        for (Pair pair : pairs) {
            for (int c : pair.translation().codePoints().toArray()) loss -= Math.log((counts.getOrDefault(c, counts.get(unknown)) + 1) / total);
            loss -= Math.log((counts.get(endMark) + 1) / total);
            characters += pair.translation().codePointCount(0, pair.translation().length()) + 1;
        }
        return loss / characters;
    }

    /** Greedy translations of {@code pairs}' English messages, cut at the end token. */
    public static List<String> translate(Module model, Data data, List<Pair> pairs) {
        model.eval();
        var out = new ArrayList<String>();
        int end = data.end();
        for (int first = 0; first < pairs.size(); first += 64) {
            Batch batch = batch(pairs.subList(first, Math.min(pairs.size(), first + 64)), data);
            Tensor ids = model instanceof Seq2SeqTransformer transformer ? transformer.greedy(batch.source(), MAX_TARGET + 1)
                    : ((Seq2SeqAttention) model).translate(batch.source(), MAX_TARGET + 1).tokens();
            long[] flat = ids.toLongArray();
            int length = ids.size(1);
            for (int b = 0; b < ids.size(0); b++) {
                var codes = new ArrayList<Integer>();
                for (int t = 0; t < length && flat[b * length + t] != end; t++) codes.add((int) flat[b * length + t]);
                out.add(data.target().decode(codes.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        return out;
    }

    /** Corpus BLEU of the translations against the held-out French messages. */
    public static Bleu.Score bleu(List<String> translations, List<Pair> pairs) {
        return Bleu.corpus(translations, pairs.stream().map(p -> List.of(p.translation())).toList());
    }

    /**
     * The Transformer this demo trains, chosen on the validation split at 600 steps of 32 on BPE 1000 units
     * (validation BLEU in brackets): pre-norm layers and no dropout — the budget is about two passes over
     * the corpus, too few to overfit, and dropout and post-norm only slow the start (width 64, 4e-3: 8.29;
     * 7e-3: 7.83) — at width 128 with a 256-wide feed-forward layer (10.33), trained at 3e-3 with 100
     * warm-up steps and a cosine decay to 0.
     */
    public static final TransformerShape TRANSFORMER = new TransformerShape(128, 4, 2, 256, 0.0, true, 0.1);
    public static final Schedule TRANSFORMER_SCHEDULE = new Schedule(3e-3, 100, true);
    /**
     * The GRU's schedule, chosen on the same validation split: 6e-3 held constant after 100 warm-up steps
     * (9.83; 3e-3 constant: 7.71; 3e-3 with a cosine decay: 5.03).
     */
    public static final Schedule GRU_SCHEDULE = new Schedule(6e-3, 100, false);
    /** Tokens per language in the BPE vocabularies (besides the special tokens). */
    public static final int BPE_VOCAB = 1000;

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path dir = Path.of(args.length > 2 ? args[2] : "/usr/share/locale/fr/LC_MESSAGES");
        var units = new Units(args.length > 3 ? Integer.parseInt(args[3]) : BPE_VOCAB);
        boolean validation = args.length > 4 && args[4].equals("validation");
        if (!Files.isDirectory(dir)) {
            System.err.println("No gettext catalogues in " + dir + ": give a folder of .mo files as the third argument");
            System.exit(2);
        }
        Data heldOut = split(pairs(dir), 20, 200, units);
        Data data = validation ? validation(heldOut, 20, 300, units) : heldOut;
        String scored = validation ? "validation" : "held-out";
        System.out.printf(Locale.ROOT, "%d training and %d %s message pairs; %s: %d source and %d target tokens%n",
                data.train().size(), data.test().size(), scored, units, data.source().vocabSize(), data.target().vocabSize());
        Map<String, Function<Long, Module>> models = new LinkedHashMap<>();
        models.put("transformer", seed -> transformer(data, TRANSFORMER, seed));
        models.put("gru+attention", seed -> gru(data, seed));
        // As many parameters as the Transformer on BPE units (1.06 M against 1.05 M): is it the architecture or the size?
        models.put("gru+attention, wide", seed -> gru(data, 64, 144, seed));
        for (var entry : models.entrySet()) {
            Module model = entry.getValue().apply(1L);
            model.to(DType.FLOAT32);
            boolean isTransformer = model instanceof Seq2SeqTransformer;
            long start = System.nanoTime();
            double loss = train(model, data, steps, batchSize, isTransformer ? TRANSFORMER_SCHEDULE : GRU_SCHEDULE,
                    isTransformer ? TRANSFORMER.labelSmoothing() : 0, 7, entry.getKey(), true);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> translations = translate(model, data, data.test());
            long parameters = model.parameters().stream().mapToLong(Tensor::numel).sum();
            System.out.printf(Locale.ROOT, "%n%s (%,d parameters): %d steps of %d in %.1f s, last-100-step loss %.3f%n%s loss %.3f nats per "
                            + "character (character frequencies alone: %.3f)%n%s %s%n", entry.getKey(), parameters, steps, batchSize, seconds,
                    loss, scored, heldOutLoss(model, data, data.test()), unigramLoss(data, data.test()), scored, bleu(translations, data.test()));
            for (int i = 0; i < 5; i++) {
                System.out.printf("  %s%n    reference: %s%n    model:     %s%n", data.test().get(i).english(), data.test().get(i).translation(),
                        translations.get(i));
            }
        }
    }
}
