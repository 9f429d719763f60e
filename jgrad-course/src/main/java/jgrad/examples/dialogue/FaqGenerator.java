package jgrad.examples.dialogue;

import jgrad.DType;
import jgrad.Grad;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.models.Seq2SeqTransformer;
import jgrad.nn.functional.F;
import jgrad.nn.functional.Reduction;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.train.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The generative fallback: a character-level {@link Seq2SeqTransformer} trained on (question, answer)
 * pairs writes an answer character by character (greedy decoding), and a confidence gate decides whether
 * the assistant may say it. Ids: 0 padding, 1 start, 2 end, then the characters seen in training; an
 * unseen character reads as padding.
 *
 * <p>Training pairs: the FAQ's phrasings and the {@link FaqParaphrases} generated from them, each with its
 * entry's answer, and questions that have no answer (off-topic ones and the assistant's slot-filling
 * requests) with the empty answer, so the model learns to say nothing as well.
 *
 * <p><b>The gate.</b> Greedy decoding gives every written character {@code y_t} its probability
 * {@code p(y_t | y_<t, question)}. The answer's confidence is the least of them,
 * <pre>
 *   c = min_t log p(y_t | y_<t, question)        (t over the answer's characters and its end token)
 * </pre>
 * the minimum rather than the mean because the doubt of a model that has learnt 15 answers sits in the
 * first characters, where it chooses between answers; after that the chosen answer is copied with
 * near-certainty, and a mean over 60 characters would dilute one coin-flip into a confident score.
 * An answer is given when it is not empty and {@code c >= threshold}; the threshold is chosen on the
 * validation split of {@link FaqParaphrases} ({@link #chooseThreshold}), never on the held-out questions.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.dialogue.FaqGenerator -Djgrad.args="1200 32"
 * </pre>
 * Arguments: training steps (default 1200) and batch size (default 32).
 */
public final class FaqGenerator {
    private static final int PAD = 0, START = 1, END = 2, MAX_LENGTH = 100;

    /** A generated answer and its confidence (the least log-probability of its characters and end token). */
    public record Generated(String text, double confidence) {
    }

    private final String characters;
    private final Seq2SeqTransformer model;
    private double threshold = Double.POSITIVE_INFINITY;
    private String fingerprint = "";

    private FaqGenerator(String characters, Seq2SeqTransformer model) {
        this.characters = characters;
        this.model = model;
    }

    /** An untrained generator over the characters of {@code examples}' questions and answers. */
    public static FaqGenerator create(List<FaqParaphrases.Example> examples, long seed) {
        var set = new TreeSet<Character>();
        for (FaqParaphrases.Example example : examples) {
            for (char c : example.question().toCharArray()) set.add(c);
            for (char c : example.answer().toCharArray()) set.add(c);
        }
        var characters = new StringBuilder();
        set.forEach(characters::append);
        return new FaqGenerator(characters.toString(), new Seq2SeqTransformer(config(characters.length()), new SplittableRandom(seed)));
    }

    /** Width 64, 4 heads, 2 encoder and 2 decoder layers, feed-forward 128, dropout 0.1. */
    private static Seq2SeqTransformer.Config config(int characters) {
        return new Seq2SeqTransformer.Config(characters + 3, characters + 3, PAD, START, END, 64, 4, 2, 128, 0.1, MAX_LENGTH + 1);
    }

    /**
     * Trains {@code steps} steps on random batches of {@code examples} (AdamW 3e-3, 50 warm-up steps then a
     * cosine decay to 0, label smoothing 0.1, clipping at 1); returns the mean loss of the last 50 steps.
     */
    public double train(List<FaqParaphrases.Example> examples, int steps, int batchSize, long seed, boolean progress) {
        var optimizer = new AdamW(model.parameters(), 3e-3);
        var random = new SplittableRandom(seed);
        Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), "answer generator", steps) : null;
        double recent = 0;
        model.train();
        for (int step = 0; step < steps; step++) {
            double lr = 3e-3 * Math.min(1, (step + 1) / 50.0) * 0.5 * (1 + Math.cos(Math.PI * step / steps));
            optimizer.paramGroups().forEach(group -> group.set("lr", lr));
            var questions = new ArrayList<String>();
            var answers = new ArrayList<String>();
            for (int i = 0; i < batchSize; i++) {
                FaqParaphrases.Example example = examples.get(random.nextInt(examples.size()));
                questions.add(example.question());
                answers.add(example.answer());
            }
            optimizer.zeroGrad();
            Tensor loss = loss(questions, answers, 0.1);
            loss.backward();
            ClipGrad.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
            double value = loss.item();
            if (step >= steps - 50) recent += value / Math.min(50, steps);
            if (bar != null) bar.step(value);
        }
        return recent;
    }

    /**
     * Teacher-forced cross-entropy of {@code examples}' answers (and end tokens) given their questions,
     * in nats per character, without label smoothing or dropout.
     */
    public double loss(List<FaqParaphrases.Example> examples) {
        model.eval();
        try (var ignored = Grad.noGrad()) {
            return loss(examples.stream().map(FaqParaphrases.Example::question).toList(),
                    examples.stream().map(FaqParaphrases.Example::answer).toList(), 0).item();
        }
    }

    /**
     * Teacher-forced cross-entropy with label smoothing: the decoder reads the start id and the answer, and
     * learns the answer and its end token; positions after the end are ignored, so an empty answer weighs
     * one token, not a whole padded row.
     */
    private Tensor loss(List<String> questions, List<String> answers, double labelSmoothing) {
        Tensor labels = ids(answers, F.DEFAULT_IGNORE_INDEX);                                        // (B, T)
        int batch = labels.size(0), steps = labels.size(1);
        Tensor input = Tensor.cat(List.of(Tensor.full(START, DType.INT64, batch, 1), ids(answers, END).narrow(1, 0, steps - 1)), 1);
        Tensor logits = model.decode(input, model.encode(ids(questions, PAD)));                     // (B, T, V)
        return F.crossEntropy(logits.reshape(-1, logits.size(2)), labels.reshape(-1), null, F.DEFAULT_IGNORE_INDEX, Reduction.MEAN,
                labelSmoothing);
    }

    /** Greedy answers to {@code questions} with their confidences, 64 questions at a time. */
    public List<Generated> generate(List<String> questions) {
        var out = new ArrayList<Generated>();
        model.eval();
        try (var ignored = Grad.noGrad()) {
            for (int first = 0; first < questions.size(); first += 64) {
                out.addAll(generateBatch(questions.subList(first, Math.min(questions.size(), first + 64))));
            }
        }
        return out;
    }

    /** Greedy decoding that keeps each row's least log-probability and stops when every row has ended. */
    private List<Generated> generateBatch(List<String> questions) {
        int batch = questions.size(), vocab = model.config().targetVocab();
        Seq2SeqTransformer.Memory memory = model.encode(ids(questions.stream().map(q -> q.toLowerCase(Locale.ROOT)).toList(), PAD));
        Tensor output = Tensor.full(START, DType.INT64, batch, 1);                                  // (B, t + 1)
        var texts = new StringBuilder[batch];
        double[] confidence = new double[batch];
        boolean[] ended = new boolean[batch];
        for (int b = 0; b < batch; b++) texts[b] = new StringBuilder();
        for (int t = 0; t < MAX_LENGTH; t++) {
            Tensor logProbabilities = model.decode(output, memory).select(1, t).logSoftmax(-1);       // (B, V)
            Tensor next = logProbabilities.argmax(1, true);                                           // (B, 1)
            double[] lp = logProbabilities.toDoubleArray();
            long[] ids = next.toLongArray();
            boolean allEnded = true;
            for (int b = 0; b < batch; b++) {
                if (ended[b]) continue;
                confidence[b] = Math.min(confidence[b], lp[b * vocab + (int) ids[b]]);
                if (ids[b] == END) ended[b] = true;
                else if (ids[b] > END) texts[b].append(characters.charAt((int) ids[b] - 3));
                allEnded &= ended[b];
            }
            if (allEnded) break;
            output = Tensor.cat(List.of(output, next), 1);
        }
        var out = new ArrayList<Generated>();
        for (int b = 0; b < batch; b++) out.add(new Generated(texts[b].toString(), confidence[b]));
        return out;
    }

    /** The answer the assistant may give: the generated text when it is not empty and confident enough. */
    public Optional<String> answer(String question) {
        Generated generated = generate(List.of(question)).get(0);
        return generated.text().isEmpty() || generated.confidence() < threshold ? Optional.empty()
                : Optional.of(generated.text());
    }

    public double threshold() {
        return threshold;
    }

    /**
     * Sets the gate to the lowest threshold under which no validation answer is wrong: just above the
     * highest confidence of a wrong non-empty answer (a wrong FAQ answer, or any answer to a question
     * that has none). Returns it.
     */
    public double chooseThreshold(List<FaqParaphrases.Example> validation) {
        List<Generated> generated = generate(validation.stream().map(FaqParaphrases.Example::question).toList());
        threshold = thresholdAbove(generated, validation.stream().map(FaqParaphrases.Example::answer).toList());
        return threshold;
    }

    /**
     * The gate's rule for choosing: just above the highest confidence of a wrong non-empty answer among
     * {@code generated} (against {@code expected}, {@code ""} where no answer is right); minus infinity
     * when none is wrong.
     */
    static double thresholdAbove(List<Generated> generated, List<String> expected) {
        double highestWrong = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < generated.size(); i++) {
            Generated g = generated.get(i);
            if (!g.text().isEmpty() && !g.text().equals(expected.get(i))) highestWrong = Math.max(highestWrong, g.confidence());
        }
        return Math.nextUp(highestWrong);
    }

    /**
     * The assistant's training and validation examples: 16 generated phrasings per FAQ entry, and as
     * questions without an answer the user turns of the first 50 training conversations (more would
     * outnumber the FAQ questions).
     */
    public static FaqParaphrases.Split examples(ServiceDialogues.Corpus corpus) {
        return FaqParaphrases.generate(16, FaqRetriever.utterances(corpus.train().subList(0, 50)), 5, 1);
    }

    /** The steps and batch size of the assistant's generator ({@link #loadOrTrain}). */
    public static final int STEPS = 1200, BATCH = 32;

    /**
     * The assistant's generator: read from {@code file} when it holds one trained on the same examples
     * with the same settings, else trained ({@link #STEPS} steps, minutes on one core), gated on the
     * validation split and written to {@code file} atomically, so that only the first run pays.
     */
    public static FaqGenerator loadOrTrain(Path file, FaqParaphrases.Split split, boolean progress) throws IOException {
        String fingerprint = fingerprint(split);
        if (Files.isRegularFile(file)) {
            FaqGenerator saved = load(file);
            if (fingerprint.equals(saved.fingerprint)) return saved;
        }
        FaqGenerator generator = create(split.train(), 1);
        generator.train(split.train(), STEPS, BATCH, 7, progress);
        generator.chooseThreshold(split.validation());
        generator.fingerprint = fingerprint;
        generator.save(file);
        return generator;
    }

    /** A hash of the examples and training settings: a checkpoint of other data or settings is retrained. */
    private static String fingerprint(FaqParaphrases.Split split) {
        return Integer.toHexString(java.util.Objects.hash(split, STEPS, BATCH, config(0)));
    }

    /** Writes the weights, the characters, the threshold and the fingerprint atomically to a safetensors file. */
    public void save(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) Files.createDirectories(folder);
        Safetensors.save(model.stateDict(), Map.of("characters", characters, "threshold", Double.toString(threshold),
                "fingerprint", fingerprint), file);
    }

    /** A generator written by {@link #save}. */
    public static FaqGenerator load(Path file) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, String> metadata = contents.metadata();
        String characters = metadata.get("characters"), threshold = metadata.get("threshold");
        if (characters == null || threshold == null) {
            throw new IOException("FaqGenerator.load: " + file + " has no 'characters' and 'threshold' metadata; is it a FaqGenerator checkpoint?");
        }
        var generator = new FaqGenerator(characters, new Seq2SeqTransformer(config(characters.length()), new SplittableRandom(0)));
        generator.model.loadStateDict(contents.tensors());
        generator.threshold = Double.parseDouble(threshold);
        generator.fingerprint = metadata.getOrDefault("fingerprint", "");
        return generator;
    }

    /** {@code (B, longest + 1)} ids, each text ended by the end id and padded with {@code fill}. */
    private Tensor ids(List<String> texts, long fill) {
        int width = Math.min(MAX_LENGTH, texts.stream().mapToInt(String::length).max().orElse(0)) + 1;
        long[] ids = new long[texts.size() * width];
        for (int b = 0; b < texts.size(); b++) {
            String s = texts.get(b);
            int n = Math.min(s.length(), MAX_LENGTH);
            for (int t = 0; t < width; t++) {
                int index = t < n ? characters.indexOf(s.charAt(t)) : -1;
                ids[b * width + t] = t < n ? (index < 0 ? PAD : index + 3) : t == n ? END : fill;
            }
        }
        return Tensor.of(ids, texts.size(), width);
    }

    /** Counts of gated answers to held-out questions. */
    public record Tally(int right, int wrong, int abstained) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d right, %d wrong, %d abstained", right, wrong, abstained);
        }
    }

    /** Gated answers to {@code questions} against the expected answers ({@code ""}: no answer expected). */
    public Tally tally(List<String> questions, List<String> expected) {
        return tally(generate(questions), expected, threshold);
    }

    /** The gate's rule for answering, counted: an answer is given when it is not empty and its confidence reaches {@code threshold}. */
    static Tally tally(List<Generated> generated, List<String> expected, double threshold) {
        int right = 0, wrong = 0, abstained = 0;
        for (int i = 0; i < generated.size(); i++) {
            Generated g = generated.get(i);
            if (g.text().isEmpty() || g.confidence() < threshold) abstained++;
            else if (g.text().equals(expected.get(i))) right++;
            else wrong++;
        }
        return new Tally(right, wrong, abstained);
    }

    /** Trains on the paraphrases, chooses the gate on validation and scores the held-out questions. */
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : STEPS;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : BATCH;
        FaqParaphrases.Split split = examples(ServiceDialogues.generate(1500, 300, 42));
        System.out.printf(Locale.ROOT, "%d training and %d validation examples%n", split.train().size(), split.validation().size());
        long start = System.nanoTime();
        FaqGenerator generator = create(split.train(), 1);
        double loss = generator.train(split.train(), steps, batchSize, 7, true);
        System.out.printf(Locale.ROOT, "%d steps of %d in %.1f s, last-50-step loss %.3f; threshold chosen on validation: %.3f%n", steps,
                batchSize, (System.nanoTime() - start) / 1e9, loss, generator.chooseThreshold(split.validation()));
        System.out.printf(Locale.ROOT, "validation (%d), gated: %s%n", split.validation().size(),
                generator.tally(split.validation().stream().map(FaqParaphrases.Example::question).toList(),
                        split.validation().stream().map(FaqParaphrases.Example::answer).toList()));
        List<String> questions = FaqRetriever.HELD_OUT.stream().map(FaqRetriever.Probe::question).toList();
        List<String> answers = FaqRetriever.HELD_OUT.stream().map(p -> FaqRetriever.FAQ.get(p.entry()).answer()).toList();
        List<Generated> ungated = generator.generate(questions);
        long exact = java.util.stream.IntStream.range(0, questions.size()).filter(i -> ungated.get(i).text().equals(answers.get(i))).count();
        System.out.printf(Locale.ROOT, "held-out paraphrases: greedy answer exactly right %d/%d without the gate; gated: %s%n", exact,
                questions.size(), generator.tally(questions, answers));
        System.out.printf(Locale.ROOT, "off-topic questions (%d), gated: %s%n", FaqRetriever.OFF_TOPIC.size(),
                generator.tally(FaqRetriever.OFF_TOPIC, FaqRetriever.OFF_TOPIC.stream().map(q -> "").toList()));
        for (int i = 0; i < 6; i++) {
            System.out.printf(Locale.ROOT, "%s -> %s (confidence %.3f)%n", questions.get(i), ungated.get(i).text(), ungated.get(i).confidence());
        }
        System.out.printf(Locale.ROOT, "%.1f s in all%n", (System.nanoTime() - start) / 1e9);
    }
}
