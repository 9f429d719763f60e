package jgrad.examples.dialogue;

import jgrad.Tensor;
import jgrad.models.Seq2SeqTransformer;
import jgrad.optim.AdamW;
import jgrad.optim.ClipGrad;
import jgrad.train.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The generative fallback: a character-level {@link Seq2SeqTransformer} trained on the FAQ's
 * (phrasing, answer) pairs writes an answer character by character (greedy decoding). Ids: 0 padding,
 * 1 start, 2 end, then the characters of the FAQ; an unseen character reads as padding.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.dialogue.FaqGenerator -Djgrad.args=400
 * </pre>
 */
public final class FaqGenerator {
    private static final int PAD = 0, START = 1, END = 2, MAX_LENGTH = 100;

    private final List<Character> characters;
    private final Seq2SeqTransformer model;
    private double firstLoss = Double.NaN, lastLoss = Double.NaN;

    private FaqGenerator(List<Character> characters, Seq2SeqTransformer model) {
        this.characters = characters;
        this.model = model;
    }

    /** Trains {@code steps} full-batch steps (AdamW 3e-3, label smoothing 0.1, clipping at 1). */
    public static FaqGenerator train(int steps, long seed, boolean progress) {
        var sources = new ArrayList<String>();
        var targets = new ArrayList<String>();
        for (FaqRetriever.Entry entry : FaqRetriever.FAQ) {
            for (String phrasing : entry.phrasings()) {
                sources.add(phrasing);
                targets.add(entry.answer());
            }
        }
        var set = new TreeSet<Character>();
        for (String s : sources) for (char c : s.toCharArray()) set.add(c);
        for (String s : targets) for (char c : s.toCharArray()) set.add(c);
        var generator = new FaqGenerator(List.copyOf(set), new Seq2SeqTransformer(new Seq2SeqTransformer.Config(
                set.size() + 3, set.size() + 3, PAD, START, END, 64, 4, 2, 128, 0.1, MAX_LENGTH + 1), new SplittableRandom(seed)));
        Tensor source = generator.ids(sources, PAD), target = generator.ids(targets, END);
        var optimizer = new AdamW(generator.model.parameters(), 3e-3);
        Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), "seq2seq", steps) : null;
        generator.model.train();
        for (int step = 0; step < steps; step++) {
            optimizer.zeroGrad();
            Tensor loss = generator.model.loss(source, target, 0.1);
            loss.backward();
            ClipGrad.clipGradNorm(generator.model.parameters(), 1.0);
            optimizer.step();
            generator.lastLoss = loss.item();
            if (step == 0) generator.firstLoss = generator.lastLoss;
            if (bar != null) bar.step(generator.lastLoss);
        }
        return generator;
    }

    /** Training loss of the first step. */
    public double firstLoss() {
        return firstLoss;
    }

    /** Training loss of the last step. */
    public double lastLoss() {
        return lastLoss;
    }

    /** The generated answer to {@code question}. */
    public String answer(String question) {
        long[] out = model.greedy(ids(List.of(question.toLowerCase(Locale.ROOT)), PAD), MAX_LENGTH).toLongArray();
        var text = new StringBuilder();
        for (long id : out) {
            if (id == END) break;
            if (id > END) text.append(characters.get((int) id - 3));
        }
        return text.toString();
    }

    /** Share of {@link FaqRetriever#HELD_OUT} paraphrases answered with exactly the right entry's answer. */
    public double heldOutExactMatch() {
        return FaqRetriever.HELD_OUT.stream().filter(p -> answer(p.question()).equals(FaqRetriever.FAQ.get(p.entry()).answer())).count()
                / (double) FaqRetriever.HELD_OUT.size();
    }

    /** {@code (B, longest + 1)} ids, each text ended by the end id and padded with {@code fill}. */
    private Tensor ids(List<String> texts, int fill) {
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

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long start = System.nanoTime();
        FaqGenerator generator = train(steps, 1, true);
        System.out.printf(Locale.ROOT, "trained in %.1f s; held-out paraphrases answered exactly right: %.1f%% (%d)%n",
                (System.nanoTime() - start) / 1e9, 100 * generator.heldOutExactMatch(), FaqRetriever.HELD_OUT.size());
        for (FaqRetriever.Probe probe : FaqRetriever.HELD_OUT.subList(0, 4)) {
            System.out.println(probe.question() + " -> " + generator.answer(probe.question()));
        }
    }
}
