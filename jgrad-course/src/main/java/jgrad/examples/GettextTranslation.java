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
import jgrad.text.CharTokenizer;
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
 * messages, chosen by a hash of the English text, is held out. Both models read and write characters:
 * the {@link Seq2SeqTransformer} (label smoothing 0.1) and the GRU with attention
 * ({@link Seq2SeqAttention}), the same steps and batches each; scored by corpus BLEU (sacreBLEU's 13a)
 * of greedy translations of the held-out messages.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.GettextTranslation -Djgrad.args="600 32"
 * </pre>
 * Arguments: training steps (default 600), batch size (default 32), catalogue folder (default
 * {@code /usr/share/locale/fr/LC_MESSAGES}).
 */
public final class GettextTranslation {
    /** Longest English message kept, in characters; French ones may be 1.5 times as long. */
    public static final int MAX_SOURCE = 30;
    static final int MAX_TARGET = 45;
    private static final char PAD = '\0', START = '\u0002', END = '\u0003', UNKNOWN = '\u0001';

    /** An English message and its translation. */
    public record Pair(String english, String translation) {
    }

    /** Training and held-out pairs and the character tokenizers built on the training pairs. */
    public record Data(List<Pair> train, List<Pair> test, CharTokenizer source, CharTokenizer target) {
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

    /** Every {@code 1/heldOutEvery}-th message by hash of its English text is held out (at most {@code maxTest}). */
    public static Data split(List<Pair> pairs, int heldOutEvery, int maxTest) {
        var train = new ArrayList<Pair>();
        var test = new ArrayList<Pair>();
        for (Pair pair : pairs) {
            boolean heldOut = Math.floorMod(pair.english().hashCode() * 0x9E3779B9, heldOutEvery) == 0;
            if (heldOut && test.size() < maxTest) test.add(pair);
            else if (!heldOut) train.add(pair);
        }
        var sourceText = new StringBuilder().append(PAD);
        var targetText = new StringBuilder().append(PAD).append(START).append(END);
        for (Pair pair : train) {
            sourceText.append(pair.english());
            targetText.append(pair.translation());
        }
        return new Data(train, test, CharTokenizer.fromText(sourceText.toString(), UNKNOWN),
                CharTokenizer.fromText(targetText.toString(), UNKNOWN));
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
        int pad = data.source().encode(String.valueOf(PAD))[0], start = id(data, START), end = id(data, END);
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

    static int id(Data data, char c) {
        return data.target().encode(String.valueOf(c))[0];
    }

    public static Seq2SeqTransformer transformer(Data data, long seed) {
        var config = new Seq2SeqTransformer.Config(data.source().vocabSize(), data.target().vocabSize(), 0, id(data, START),
                id(data, END), 64, 4, 2, 128, 0.1, MAX_TARGET + 2);
        return new Seq2SeqTransformer(config, new SplittableRandom(seed));
    }

    public static Seq2SeqAttention gru(Data data, long seed) {
        return new Seq2SeqAttention(new Seq2SeqAttention.Config(data.source().vocabSize(), data.target().vocabSize(), 0,
                id(data, START), 32, 96, 96), new SplittableRandom(seed));
    }

    /** The loss of a batch: label-smoothed cross-entropy for the Transformer, plain for the GRU; padding ignored. */
    static Tensor loss(Module model, Batch batch) {
        if (model instanceof Seq2SeqTransformer transformer) {
            Tensor logits = transformer.decode(batch.targetInput(), transformer.encode(batch.source()));
            return F.crossEntropy(logits.reshape(-1, logits.size(2)), batch.labels().reshape(-1), null, F.DEFAULT_IGNORE_INDEX,
                    Reduction.MEAN, 0.1);
        }
        Tensor logits = ((Seq2SeqAttention) model).logits(batch.source(), batch.teacherTarget());
        return F.crossEntropy(logits.reshape(-1, logits.size(2)), batch.labels().reshape(-1));
    }

    /** AdamW at {@code lr} with 100 warm-up steps, clipping at 1; returns the mean loss of the last 100 steps. */
    public static double train(Module model, Data data, int steps, int batchSize, double lr, long seed, String name, boolean progress) {
        var optimizer = new AdamW(model.parameters(), lr);
        var random = new SplittableRandom(seed);
        Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), name, steps) : null;
        double recent = 0;
        model.train();
        for (int step = 0; step < steps; step++) {
            double scale = Math.min(1.0, (step + 1) / 100.0);
            optimizer.paramGroups().forEach(group -> group.set("lr", lr * scale));
            var pairs = new ArrayList<Pair>();
            for (int i = 0; i < batchSize; i++) pairs.add(data.train().get(random.nextInt(data.train().size())));
            optimizer.zeroGrad();
            Tensor value = loss(model, batch(pairs, data));
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
     * Teacher-forced cross-entropy of the French side of {@code pairs} (every character and the end token),
     * in nats per character, without label smoothing: the number to set against {@link #unigramLoss}.
     */
    public static double heldOutLoss(Module model, Data data, List<Pair> pairs) {
        model.eval();
        double total = 0;
        long tokens = 0;
        try (var ignored = jgrad.Grad.noGrad()) {
            for (int first = 0; first < pairs.size(); first += 64) {
                List<Pair> chunk = pairs.subList(first, Math.min(pairs.size(), first + 64));
                Batch batch = batch(chunk, data);
                Tensor logits = model instanceof Seq2SeqTransformer transformer
                        ? transformer.decode(batch.targetInput(), transformer.encode(batch.source()))
                        : ((Seq2SeqAttention) model).logits(batch.source(), batch.teacherTarget());
                Tensor sum = F.crossEntropy(logits.reshape(-1, logits.size(2)), batch.labels().reshape(-1), null, F.DEFAULT_IGNORE_INDEX,
                        Reduction.SUM, 0);
                total += sum.item();
                tokens += chunk.stream().mapToInt(p -> data.target().encode(p.translation()).length + 1).sum();
            }
        }
        return total / tokens;
    }

    /**
     * The baseline a model must beat: the cross-entropy of {@code pairs}' French characters (and end
     * tokens) under the training translations' character frequencies, add-one smoothed — a model that
     * ignores the English message and the characters before.
     */
    public static double unigramLoss(Data data, List<Pair> pairs) {
        int vocab = data.target().vocabSize(), end = id(data, END);
        double[] counts = new double[vocab];
        java.util.Arrays.fill(counts, 1);
        double total = vocab;
        for (Pair pair : data.train()) {
            for (int id : data.target().encode(pair.translation())) counts[id]++;
            counts[end]++;
            total += data.target().encode(pair.translation()).length + 1;
        }
        double loss = 0;
        long tokens = 0;
        for (Pair pair : pairs) {
            for (int id : data.target().encode(pair.translation())) loss -= Math.log(counts[id] / total);
            loss -= Math.log(counts[end] / total);
            tokens += data.target().encode(pair.translation()).length + 1;
        }
        return loss / tokens;
    }

    /** Greedy translations of {@code pairs}' English messages, cut at the end token. */
    public static List<String> translate(Module model, Data data, List<Pair> pairs) {
        model.eval();
        var out = new ArrayList<String>();
        int end = id(data, END);
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

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path dir = Path.of(args.length > 2 ? args[2] : "/usr/share/locale/fr/LC_MESSAGES");
        if (!Files.isDirectory(dir)) {
            System.err.println("No gettext catalogues in " + dir + ": give a folder of .mo files as the third argument");
            System.exit(2);
        }
        Data data = split(pairs(dir), 20, 200);
        System.out.printf(Locale.ROOT, "%d training and %d held-out message pairs; %d source and %d target characters%n",
                data.train().size(), data.test().size(), data.source().vocabSize(), data.target().vocabSize());
        Map<String, Function<Long, Module>> models = new LinkedHashMap<>();
        models.put("transformer", seed -> transformer(data, seed));
        models.put("gru+attention", seed -> gru(data, seed));
        for (var entry : models.entrySet()) {
            Module model = entry.getValue().apply(1L);
            model.to(DType.FLOAT32);
            long start = System.nanoTime();
            double loss = train(model, data, steps, batchSize, entry.getKey().equals("transformer") ? 1e-3 : 3e-3, 7, entry.getKey(), true);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> translations = translate(model, data, data.test());
            System.out.printf(Locale.ROOT, "%n%s: %d steps of %d in %.1f s, last-100-step loss %.3f%nheld-out loss %.3f nats per character "
                            + "(character frequencies alone: %.3f)%nheld-out %s%n", entry.getKey(), steps, batchSize, seconds, loss,
                    heldOutLoss(model, data, data.test()), unigramLoss(data, data.test()), bleu(translations, data.test()));
            for (int i = 0; i < 5; i++) {
                System.out.printf("  %s%n    reference: %s%n    model:     %s%n", data.test().get(i).english(), data.test().get(i).translation(),
                        translations.get(i));
            }
        }
    }
}
