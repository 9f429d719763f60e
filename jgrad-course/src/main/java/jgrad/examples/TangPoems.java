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
 * validation (by poem, so no validation line is ever trained on), every Chinese character is one token
 * ({@link CharTokenizer} counts code points, so characters outside the Basic Multilingual Plane are whole
 * too), and the model learns the regular five- and seven-character lines of the jueju and lüshi forms.
 *
 * <p><b>More text than the poems.</b> 21,000 training characters over some 2,400 distinct ones are too
 * few: a GPT learns them by heart (training loss 3.8, validation 7.3 after 1,200 steps) before it learns
 * which characters follow which. The same package holds more classical Chinese: {@code song100} (Song poems)
 * and the classical entries of {@code chinese} (the Book of Songs, the Analects, proverbs, verse quoted
 * from poems; its modern Debian-manual entries, which hold Latin letters or digits, are left out). Of those,
 * the verse is kept (at least {@link #MIN_REGULAR_SHARE} of the lines of five or seven characters), some
 * 39,000 characters. With the prose as well (198,000 characters, a vocabulary of 4,098 instead of 2,621)
 * the model beat its best baseline by about as much (6.17 against 6.65) but its samples kept the line form
 * less (20% of their lines regular against 40%, both before the window starts below). Those texts quote Tang poems, so every entry that
 * shares a clause of four or more characters with <em>any</em> tang300 poem is dropped
 * ({@link #classicalChinese}); the validation poems stay unseen. Training windows come from
 * the extra text with a probability that falls linearly from 0.8 to 0.2, so the model first learns
 * classical Chinese and ends mostly on the Tang poems. Extra texts end with {@link #EXTRA_END}, poems with
 * {@link #END}, so that the model can tell which kind of text it is continuing.
 *
 * <p><b>Where windows start.</b> A sample is prompted with {@link #END} and one character, at the first
 * positions of the context. Windows at random offsets almost never put a poem's start there, and at the
 * first positions, where it cannot see the last punctuation, a model learns to close a line at any
 * moment: samples then broke lines after one to four characters (40% regular lines). Half the windows
 * therefore start at a text's end mark ({@link #windows}); with that, 78% of the sampled lines have five
 * or seven characters, at the same validation loss (6.02).
 *
 * <p><b>Baselines.</b> Validation loss is only meaningful against what counting does: the training
 * characters' frequencies (unigram) and the add-k bigram {@code p(b | a) = (c(a b) + k) / (c(a) + k V)},
 * with {@code k} chosen on the last tenth of the training text (never on validation), both fitted on all
 * the text the model trains on and on the tang300 training poems alone. The model's validation loss is
 * computed on every validation character ({@link #validationLoss}), the same characters the baselines predict.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.TangPoems -Djgrad.args="1200"
 * </pre>
 * Argument: training steps (default 1200). The weights of the lowest validation loss (measured every
 * tenth of the run) are kept, and that loss is reported with the last one.
 */
public final class TangPoems {
    /** Marks the end of a tang300 poem: the model learns to stop, and that a Tang poem follows. */
    static final char END = '\n';
    /**
     * Ends each text of the extra classical Chinese instead of {@link #END}: after it comes prose or a Song
     * lyric, after {@code END} a Tang poem, so a sample prompted with {@code END} is asked for a Tang poem.
     */
    static final char EXTRA_END = '¶';
    /** Stands for characters that are not in the vocabulary. */
    static final char UNKNOWN = '□';
    /** The share of training windows taken from the extra classical text: it falls linearly from the first to the second. */
    static final double EXTRA_SHARE_START = 0.8, EXTRA_SHARE_END = 0.2;
    /** An extra text is kept when at least this share of its lines has five or seven characters: verse, not prose. */
    static final double MIN_REGULAR_SHARE = 0.75;
    /** A character of the extra text enters the vocabulary only when it occurs this often (rare ones cost head width). */
    static final int MIN_EXTRA_COUNT = 3;

    /**
     * Training and validation poem texts, the extra classical text trained on besides the training poems
     * (empty for none), and the tokenizer built on the training poems and the extra text's common characters.
     */
    public record Data(String train, String validation, String extra, CharTokenizer tokenizer) {
        /** All the text the model trains on: the training poems and the extra text. */
        public String allTraining() {
            return train + extra;
        }
    }

    private TangPoems() {
    }

    /** The poem bodies of {@code poems} (tang300 entries), split 90/10 by poem, with no extra text. */
    public static Data prepare(Fortunes poems, long seed) {
        return prepare(poems, "", seed);
    }

    /** As {@link #prepare(Fortunes, long)}, training also on {@code extra} (from {@link #classicalChinese}). */
    public static Data prepare(Fortunes poems, String extra, long seed) {
        Fortunes.Split split = poems.split(0.1, seed);
        String train = joined(split.train().stream().map(Fortunes.LabeledText::text).toList());
        String validation = joined(split.test().stream().map(Fortunes.LabeledText::text).toList());
        var counts = new java.util.HashMap<Integer, Integer>();
        extra.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        var vocabulary = new StringBuilder(train);
        counts.forEach((c, n) -> {
            if (n >= MIN_EXTRA_COUNT) vocabulary.appendCodePoint(c);
        });
        return new Data(train, validation, extra, CharTokenizer.fromText(vocabulary.toString(), UNKNOWN));
    }

    /**
     * The classical verse of {@code texts} (e.g. {@code song100} and {@code chinese}) as poem-like texts,
     * each ended by {@link #EXTRA_END}: attribution lines ("-- 李白《...》"), titles and authors removed, entries with
     * Latin letters or digits (the modern manual pages of {@code chinese}) and entries with fewer than
     * {@link #MIN_REGULAR_SHARE} of their lines of five or seven characters (prose) left out, and every entry dropped
     * that shares a clause of four or more characters with one of {@code tangPoems}, so that no Tang line,
     * quoted or not, reaches training through this text.
     */
    public static String classicalChinese(Fortunes texts, Fortunes tangPoems) {
        var tangClauses = new java.util.HashSet<String>();
        tangPoems.texts().forEach(poem -> tangClauses.addAll(clauses(body(poem.text()))));
        var kept = new ArrayList<String>();
        for (Fortunes.LabeledText entry : texts.texts()) {
            String text = body(entry.text().lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n")));
            if (text.isEmpty() || LATIN_OR_DIGIT.matcher(text).find()) continue;
            if (regularLineShare(text) >= MIN_REGULAR_SHARE && clauses(text).stream().noneMatch(tangClauses::contains)) kept.add(text);
        }
        return kept.stream().map(text -> text + EXTRA_END).collect(Collectors.joining());
    }

    private static final java.util.regex.Pattern LATIN_OR_DIGIT = java.util.regex.Pattern.compile("[A-Za-z0-9]");

    /** The clauses of four or more characters of a text, split at Chinese punctuation and quotation marks. */
    static List<String> clauses(String text) {
        return java.util.Arrays.stream(text.split("[，。？！；、：“”‘’《》]")).filter(c -> c.codePointCount(0, c.length()) >= 4).toList();
    }

    /** Each poem as its body lines run together ("床前明月光，疑是地上霜。..."), followed by {@link #END}. */
    private static String joined(List<String> poems) {
        return poems.stream().map(poem -> body(poem) + END).collect(Collectors.joining());
    }

    /** The lines after the title (《...》 or 题目:) and author (作者：...) lines, without spaces or line breaks. */
    static String body(String entry) {
        return entry.lines().filter(line -> !line.startsWith("《") && !line.startsWith("作者") && !line.startsWith("题目"))
                .map(line -> line.replaceAll("\\s", "")).collect(Collectors.joining());
    }

    /**
     * The GPT of the demo: 3 layers, 4 heads, width 96, context 48 characters (three lines of a
     * seven-character poem), dropout 0.2. The head over some 3,000 characters dominates the cost of a step.
     */
    public static GPT model(Data data, long seed) {
        return model(data, 48, 3, 96, seed);
    }

    /** A GPT of {@code layers} layers of 4 heads, width {@code width}, context {@code block}, dropout 0.2 (smaller ones for fast tests). */
    static GPT model(Data data, int block, int layers, int width, long seed) {
        return new GPT(new GPT.Config(block, data.tokenizer().vocabSize(), layers, 4, width, 0.2, true), new SplittableRandom(seed));
    }

    /** Trains for {@code steps} steps on random windows (AdamW, lr 2e-3 decaying linearly to 2e-4) and returns the last training loss. */
    public static double train(GPT model, Data data, int steps, int batch, long seed, boolean progress) {
        return train(model, data, steps, batch, seed, progress, step -> { });
    }

    /**
     * As {@link #train(GPT, Data, int, int, long, boolean)}, calling {@code afterStep} with the number of steps
     * done after each. A window comes from the extra text with a probability falling linearly from
     * {@link #EXTRA_SHARE_START} to {@link #EXTRA_SHARE_END}.
     */
    public static double train(GPT model, Data data, int steps, int batch, long seed, boolean progress, IntConsumer afterStep) {
        int[] poems = data.tokenizer().encode(data.train());
        int[] extra = data.tokenizer().encode(data.extra());
        var optimizer = new AdamW(model.parameters(), 2e-3, 0.9, 0.99, 1e-8, 0.1, false);
        var random = new SplittableRandom(seed);
        Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), "train", steps) : null;
        double loss = Double.NaN;
        model.train();
        for (int step = 0; step < steps; step++) {
            double lr = 2e-3 * (1 - 0.9 * step / (double) steps);
            optimizer.paramGroups().forEach(group -> group.set("lr", lr));
            double extraShare = extra.length > model.config().blockSize()
                    ? EXTRA_SHARE_START + (EXTRA_SHARE_END - EXTRA_SHARE_START) * step / (double) steps : 0;
            Tensor[] xy = windows(poems, extra, extraShare, batch, model.config().blockSize(), random);
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

    /**
     * Mean cross-entropy (nats per character) of every character of {@code text} after its first, each
     * predicted once: the text is cut into consecutive windows of the context length, and a character sees
     * the characters before it in its window.
     */
    public static double validationLoss(GPT model, Data data, String text) {
        int[] ids = data.tokenizer().encode(text);
        int block = model.config().blockSize(), vocab = data.tokenizer().vocabSize();
        model.eval();
        double total = 0;
        try (var ignored = Grad.noGrad()) {
            for (int start = 0; start < ids.length - 1; start += block) {
                int length = Math.min(block, ids.length - 1 - start);
                long[] x = new long[length];
                for (int t = 0; t < length; t++) x[t] = ids[start + t];
                double[] logProbabilities = model.forward(Tensor.of(x, 1, length)).logSoftmax(-1).toDoubleArray();   // (1, T, V)
                for (int t = 0; t < length; t++) total -= logProbabilities[t * vocab + ids[start + t + 1]];
            }
        }
        return total / (ids.length - 1);
    }

    /**
     * The first baseline a model must beat: the cross-entropy of {@code text}'s characters (after the first)
     * under the frequencies of the characters of {@code training}, add-one smoothed (what a model knows that
     * ignores the characters before).
     */
    public static double unigramLoss(Data data, String training, String text) {
        int vocab = data.tokenizer().vocabSize();
        double[] counts = new double[vocab];
        java.util.Arrays.fill(counts, 1);
        int[] train = data.tokenizer().encode(training);
        for (int id : train) counts[id]++;
        double total = train.length + vocab, loss = 0;
        int[] ids = data.tokenizer().encode(text);
        for (int i = 1; i < ids.length; i++) loss -= Math.log(counts[ids[i]] / total);
        return loss / (ids.length - 1);
    }

    /** A bigram baseline's smoothing constant and its loss. */
    public record Bigram(double k, double loss) {
    }

    /**
     * The second baseline: the add-k bigram {@code p(b | a) = (c(a b) + k) / (c(a) + k V)} counted on
     * {@code training}, scored on every character of {@code text} after the first. {@code k} is the value of
     * {0.001, 0.003, ..., 1} that scores best on the last tenth of {@code training} when counting on the rest.
     */
    public static Bigram bigramLoss(Data data, String training, String text) {
        int[] train = data.tokenizer().encode(training);
        int cut = train.length * 9 / 10;
        int[] head = java.util.Arrays.copyOf(train, cut), tail = java.util.Arrays.copyOfRange(train, cut, train.length);
        double bestK = Double.NaN, best = Double.POSITIVE_INFINITY;
        for (double k : new double[] {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1}) {
            double loss = bigramLoss(head, tail, data.tokenizer().vocabSize(), k);
            if (loss < best) {
                best = loss;
                bestK = k;
            }
        }
        return new Bigram(bestK, bigramLoss(train, data.tokenizer().encode(text), data.tokenizer().vocabSize(), bestK));
    }

    /** Mean {@code -ln p(b | a)} over the pairs of {@code ids} under add-k bigram counts of {@code train}. */
    static double bigramLoss(int[] train, int[] ids, int vocab, double k) {
        var pairs = new java.util.HashMap<Long, Integer>();
        int[] contexts = new int[vocab];
        for (int i = 1; i < train.length; i++) {
            pairs.merge((long) train[i - 1] * vocab + train[i], 1, Integer::sum);
            contexts[train[i - 1]]++;
        }
        double loss = 0;
        for (int i = 1; i < ids.length; i++) {
            int pair = pairs.getOrDefault((long) ids[i - 1] * vocab + ids[i], 0);
            loss -= Math.log((pair + k) / (contexts[ids[i - 1]] + k * vocab));
        }
        return loss / (ids.length - 1);
    }

    /**
     * {@code batch} random windows of {@code block} ids and the ids one step later, both {@code (B, T)}; each
     * window comes from {@code extra} with probability {@code extraShare}, else from {@code ids}. Half the
     * windows start at a text's end mark, so that the model also learns how a text begins at the first
     * positions of its context, where a sample's prompt (the end mark and one character) puts it.
     */
    static Tensor[] windows(int[] ids, int[] extra, double extraShare, int batch, int block, RandomGenerator random) {
        if (ids.length <= block) {
            throw new IllegalArgumentException("TangPoems: the text has " + ids.length + " characters, fewer than the context " + (block + 1));
        }
        long[] x = new long[batch * block], y = new long[batch * block];
        for (int b = 0; b < batch; b++) {
            int[] source = extraShare > 0 && random.nextDouble() < extraShare ? extra : ids;
            int mark = source[source.length - 1];                          // every text ends with its end mark
            int start = random.nextInt(source.length - block);
            if (random.nextBoolean()) {
                while (start > 0 && source[start] != mark) start--;           // back to the previous text's end
            }
            for (int t = 0; t < block; t++) {
                x[b * block + t] = source[start + t];
                y[b * block + t] = source[start + t + 1];
            }
        }
        return new Tensor[] {Tensor.of(x, batch, block), Tensor.of(y, batch, block)};
    }

    /** A poem sampled after {@code firstCharacter}, up to {@link #END} (or {@link #EXTRA_END}) or {@code maxLength} characters. */
    public static String sample(GPT model, Data data, String firstCharacter, int maxLength, double temperature, RandomGenerator random) {
        return sample(model, data, firstCharacter, maxLength, new Sampler().withTemperature(temperature), random);
    }

    /** As {@link #sample(GPT, Data, String, int, double, RandomGenerator)} with any {@link Sampler} (e.g. top-k). */
    public static String sample(GPT model, Data data, String firstCharacter, int maxLength, Sampler sampler, RandomGenerator random) {
        int[] prompt = data.tokenizer().encode(END + firstCharacter);
        Tensor idx = Tensor.of(java.util.Arrays.stream(prompt).asLongStream().toArray(), 1, prompt.length);
        Tensor out = model.generate(idx, maxLength, sampler, random);
        long[] tokens = out.toLongArray();
        var ids = new int[tokens.length - 1];
        for (int i = 1; i < tokens.length; i++) ids[i - 1] = (int) tokens[i];
        String text = data.tokenizer().decode(ids);
        int end = text.indexOf(END), extraEnd = text.indexOf(EXTRA_END);
        if (extraEnd >= 0 && (end < 0 || extraEnd < end)) end = extraEnd;
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
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        Path corpus = Fortunes.defaultDirectory();
        if (!Fortunes.isAvailable(corpus, "tang300")) {
            System.err.println("tang300 is not in " + corpus + ": install the Debian package fortunes-zh, or copy it to $JGRAD_DATA/fortunes");
            System.exit(2);
        }
        Fortunes tang = Fortunes.load(corpus, "tang300");
        String extra = Fortunes.isAvailable(corpus, "song100", "chinese")
                ? classicalChinese(Fortunes.load(corpus, "song100", "chinese"), tang) : "";
        Data data = prepare(tang, extra, 42);
        System.out.printf(Locale.ROOT, "%d training and %d validation characters of tang300, %d characters of other classical Chinese "
                        + "(song100, chinese), %d distinct characters in the vocabulary%n", length(data.train()), length(data.validation()),
                length(data.extra()), data.tokenizer().vocabSize());
        System.out.printf(Locale.ROOT, "validation loss in nats per character: uniform guess ln V = %.3f%n", Math.log(data.tokenizer().vocabSize()));
        for (String[] fit : new String[][] {{"tang300 training poems", data.train()}, {"all training text", data.allTraining()}}) {
            Bigram bigram = bigramLoss(data, fit[1], data.validation());
            System.out.printf(Locale.ROOT, "  counted on the %s: character frequencies %.3f, add-k bigram %.3f (k = %s)%n", fit[0],
                    unigramLoss(data, fit[1], data.validation()), bigram.loss(), bigram.k());
        }
        GPT model = model(data, 1);
        long start = System.nanoTime();
        int every = Math.max(1, steps / 10);
        double[] best = {Double.POSITIVE_INFINITY};
        int[] bestStep = {0};
        var bestWeights = new java.util.LinkedHashMap<String, Tensor>();
        double trainLoss = train(model, data, steps, 16, 7, true, done -> {
            if (done % every != 0 && done != steps) return;
            double validation = validationLoss(model, data, data.validation());
            System.out.printf(Locale.ROOT, "  step %d: validation loss %.3f%n", done, validation);
            if (validation < best[0]) {
                best[0] = validation;
                bestStep[0] = done;
                model.stateDict().forEach((name, tensor) -> bestWeights.put(name, tensor.copy()));
            }
        });
        double last = validationLoss(model, data, data.validation());
        model.loadStateDict(bestWeights);
        System.out.printf(Locale.ROOT, "after %d steps (%.1f s): training loss %.3f, validation loss %.3f; lowest validation loss %.3f "
                + "nats per character at step %d (weights kept)%n", steps, (System.nanoTime() - start) / 1e9, trainLoss, last, best[0], bestStep[0]);
        String firsts = "春月山白江秋风花日云水青天夜人长";
        for (int topK : new int[] {0, 40, 10}) {
            Sampler sampler = new Sampler().withTemperature(0.8);
            if (topK > 0) sampler = sampler.withTopK(topK);
            var random = new SplittableRandom(11);
            double share = 0;
            for (int i = 0; i < SAMPLES; i++) {
                String poem = sample(model, data, firsts.substring(i % firsts.length(), i % firsts.length() + 1), 64, sampler, random);
                share += regularLineShare(poem);
                if (topK == 0 && i < 8) System.out.println(poem);
            }
            System.out.printf(Locale.ROOT, "temperature 0.8, %s: lines of five or seven characters in %d samples: %.0f%%%s%n",
                    topK > 0 ? "the " + topK + " likeliest characters" : "all characters", SAMPLES, 100 * share / SAMPLES,
                    topK == 0 ? " (8 shown above)" : "");
        }
    }

    /** Poems sampled for the share of regular lines. */
    static final int SAMPLES = 32;

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
