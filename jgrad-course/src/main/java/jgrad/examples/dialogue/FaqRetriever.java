package jgrad.examples.dialogue;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Embedding;
import jgrad.nn.Linear;
import jgrad.nn.PaddedSequences;
import jgrad.nn.functional.F;
import jgrad.optim.Adam;
import jgrad.text.WordVocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Answers general store questions ("Do you ship abroad?") from a small FAQ by embedding similarity.
 *
 * <p>A sentence is embedded as the mean of learned word embeddings over its known words:
 * <pre>
 *   e(s) = mean_{w in s, w known} E[w]                 (D)
 * </pre>
 * {@code E} is trained by asking a linear layer to name the FAQ entry from {@code e(s)} for every
 * phrasing the FAQ holds (its question and two paraphrases), so words that tell entries apart get
 * far-apart vectors and filler words shrink. Each entry's key is the normalised mean of its phrasings'
 * embeddings; a question goes to the entry of highest cosine similarity
 * {@code cos(e(q), key) = e(q)·key / (|e(q)| |key|)}, and below {@code threshold} the retriever
 * says it does not know, so the caller can hand over to a fallback.
 *
 * <p>The slot-filling requests of the assistant ("When does the Lyon store open?") are trained as
 * one more class, {@code task}, with a key of its own: a question nearest to that key is not an FAQ
 * question, so the retriever says it does not know and the joint intent/slot model takes the turn.
 *
 * <p>The held-out paraphrases in {@link #HELD_OUT} are never trained on; {@link #OFF_TOPIC} are
 * questions that no entry answers.
 */
public final class FaqRetriever {

    /** One FAQ entry: the phrasings it is trained on (the first is the FAQ's own question) and its answer. */
    public record Entry(List<String> phrasings, String answer) {
    }

    /** A held-out question and the index of the entry that answers it. */
    public record Probe(String question, int entry) {
    }

    /**
     * What retrieval found: the entry (or -1 when refused), its answer, the cosine similarity, and the
     * nearest key whatever the threshold ({@code FAQ.size()} for the {@code task} key).
     */
    public record Hit(int entry, Optional<String> answer, double similarity, int nearest) {
        /** True when the nearest key is an FAQ entry's: a general question, answered or not. */
        public boolean faqLike() {
            return nearest < FAQ.size();
        }
    }

    public static final List<Entry> FAQ = List.of(
            new Entry(List.of("do you ship abroad", "can you deliver to another country", "is international shipping available"),
                    "Yes, we ship to every country in the European Union; delivery takes 5 to 8 working days."),
            new Entry(List.of("how much does delivery cost", "what is the shipping fee", "is shipping free"),
                    "Delivery is free above 50 euros; below that it costs 4.90 euros."),
            new Entry(List.of("how long does delivery take", "when will my parcel arrive", "how many days until shipping arrives"),
                    "Orders arrive within 2 to 3 working days in the country."),
            new Entry(List.of("which payment methods do you accept", "can i pay by card", "do you take paypal"),
                    "We accept cards, PayPal and bank transfer."),
            new Entry(List.of("do you sell gift cards", "can i buy a gift voucher", "are gift cards available"),
                    "Yes, gift cards from 10 to 200 euros are sold in every store and online."),
            new Entry(List.of("how do i create an account", "how can i register on the website", "where do i sign up"),
                    "Click 'Sign up' at the top of the website and enter your e-mail address."),
            new Entry(List.of("i forgot my password", "how do i reset my password", "i cannot log in to my account"),
                    "Use 'Forgot password' on the login page; we e-mail you a reset link."),
            new Entry(List.of("do you have a loyalty program", "can i collect points", "is there a rewards card"),
                    "Our loyalty card gives one point per euro; 100 points make a 5 euro voucher."),
            new Entry(List.of("is there a warranty on electronics", "how long is the guarantee", "what warranty do products have"),
                    "Every electrical product has a two-year warranty."),
            new Entry(List.of("can i change my order after paying", "how do i modify an order", "can i add an item to my order"),
                    "You can change an order until it ships, under 'My orders'."),
            new Entry(List.of("can i cancel my order", "how do i cancel a purchase", "i want to cancel what i bought"),
                    "Orders can be cancelled free of charge until they ship."),
            new Entry(List.of("do you have parking at the store", "where can i park my car", "is there a car park"),
                    "Every store has free parking for two hours."),
            new Entry(List.of("how can i contact customer support by phone", "what is your phone number", "can i call you"),
                    "Call 0800 123 456, Monday to Saturday, 8 am to 8 pm."),
            new Entry(List.of("do you offer student discounts", "is there a discount for students", "do students get a reduction"),
                    "Students get 10 percent off with a valid student card."),
            new Entry(List.of("can i pick up my online order in a store", "is click and collect possible", "can i collect my order in person"),
                    "Yes, choose click and collect at checkout and pick the order up after two hours."));

    /** Paraphrases written apart from the FAQ's phrasings, one or two per entry, never trained on. */
    public static final List<Probe> HELD_OUT = List.of(
            new Probe("do you deliver outside the country", 0), new Probe("can you send a parcel abroad", 0),
            new Probe("what does shipping cost", 1), new Probe("do i pay for delivery", 1),
            new Probe("how many days does delivery take", 2), new Probe("when does my parcel arrive", 2),
            new Probe("can i pay with paypal", 3), new Probe("what payment do you accept", 3),
            new Probe("can i get a gift card", 4), new Probe("do you have gift vouchers", 4),
            new Probe("how do i register", 5), new Probe("how can i create my account", 5),
            new Probe("how can i reset a forgotten password", 6), new Probe("i cannot log in", 6),
            new Probe("can i collect loyalty points", 7), new Probe("is there a loyalty card", 7),
            new Probe("how long is the warranty", 8), new Probe("is there a guarantee on products", 8),
            new Probe("can i modify my order", 9), new Probe("how can i change an order", 9),
            new Probe("how can i cancel an order", 10), new Probe("i want to cancel my purchase", 10),
            new Probe("where do i park", 11), new Probe("is parking free at the store", 11),
            new Probe("what number can i call", 12), new Probe("how do i contact support", 12),
            new Probe("are there discounts for students", 13), new Probe("do you give students a discount", 13),
            new Probe("can i collect an online order in the store", 14), new Probe("do you offer click and collect", 14));

    /** Questions no FAQ entry answers: the retriever should say it does not know. */
    public static final List<String> OFF_TOPIC = List.of("what is the weather tomorrow", "tell me a joke",
            "who won the football match", "what is the capital of peru", "recommend a good film", "how old are you");

    private final WordVocabulary vocabulary;
    private final Embedding embedding;
    private final double[][] keys;
    private final double threshold;

    private FaqRetriever(WordVocabulary vocabulary, Embedding embedding, double threshold, List<List<String>> classes) {
        this.vocabulary = vocabulary;
        this.embedding = embedding;
        this.threshold = threshold;
        this.keys = new double[classes.size()][];
        for (int i = 0; i < classes.size(); i++) {
            double[] key = null;
            for (double[] e : embed(classes.get(i))) {
                if (key == null) key = new double[e.length];
                for (int d = 0; d < e.length; d++) key[d] += e[d];
            }
            keys[i] = normalised(key);
        }
    }

    /**
     * Trains the word embeddings {@code (V, dim)} on the FAQ phrasings plus {@code taskUtterances} as the
     * {@code task} class (full batch, Adam 0.03, cross-entropy over entries) and returns the retriever.
     */
    public static FaqRetriever train(List<String> taskUtterances, int dim, int epochs, double threshold, long seed) {
        var classes = new ArrayList<List<String>>();
        for (Entry entry : FAQ) classes.add(entry.phrasings());
        classes.add(List.copyOf(taskUtterances));
        var texts = new ArrayList<String>();
        var labels = new ArrayList<Integer>();
        for (int i = 0; i < classes.size(); i++) {
            for (String p : classes.get(i)) {
                texts.add(p);
                labels.add(i);
            }
        }
        var vocabulary = WordVocabulary.build(texts, 1, 10_000);
        var random = new SplittableRandom(seed);
        var embedding = new Embedding(vocabulary.size(), dim, WordVocabulary.PAD_ID, random);
        var classifier = new Linear(dim, classes.size(), true, random);
        var parameters = new ArrayList<>(embedding.parameters());
        parameters.addAll(classifier.parameters());
        var optimizer = new Adam(parameters, 0.03);
        Tensor target = Tensor.of(labels.stream().mapToInt(Integer::intValue).toArray());
        for (int epoch = 0; epoch < epochs; epoch++) {
            optimizer.zeroGrad();
            Tensor loss = F.crossEntropy(classifier.forward(meanEmbedding(vocabulary, embedding, texts)), target);
            loss.backward();
            optimizer.step();
        }
        return new FaqRetriever(vocabulary, embedding, threshold, classes);
    }

    /** The best entry for {@code question}, with its answer when the cosine similarity reaches the threshold. */
    public Hit retrieve(String question) {
        double[] q = normalised(embed(List.of(question)).get(0));
        int best = -1;
        double bestSimilarity = 0;
        for (int i = 0; i < keys.length; i++) {
            double s = 0;
            for (int d = 0; d < q.length; d++) s += q[d] * keys[i][d];
            if (best < 0 || s > bestSimilarity) {
                best = i;
                bestSimilarity = s;
            }
        }
        return bestSimilarity >= threshold && best < FAQ.size() ? new Hit(best, Optional.of(FAQ.get(best).answer()), bestSimilarity, best)
                : new Hit(-1, Optional.empty(), bestSimilarity, best);
    }

    /** Share of {@link #HELD_OUT} paraphrases answered with the right entry (a "don't know" counts as wrong). */
    public double heldOutAccuracy() {
        return HELD_OUT.stream().filter(p -> retrieve(p.question()).entry() == p.entry()).count() / (double) HELD_OUT.size();
    }

    /** Share of {@link #OFF_TOPIC} questions for which the retriever says it does not know. */
    public double offTopicRejection() {
        return OFF_TOPIC.stream().filter(q -> retrieve(q).answer().isEmpty()).count() / (double) OFF_TOPIC.size();
    }

    private List<double[]> embed(List<String> texts) {
        embedding.eval();
        try (var ignored = Grad.noGrad()) {
            Tensor e = meanEmbedding(vocabulary, embedding, texts);                                   // (B, D)
            int dim = (int) e.size(1);
            double[] flat = e.toDoubleArray();
            var out = new ArrayList<double[]>();
            for (int b = 0; b < texts.size(); b++) out.add(java.util.Arrays.copyOfRange(flat, b * dim, (b + 1) * dim));
            return out;
        }
    }

    /** {@code (B, D)}: the mean embedding of each text's known words (unknown words and padding left out). */
    private static Tensor meanEmbedding(WordVocabulary vocabulary, Embedding embedding, List<String> texts) {
        List<int[]> ids = texts.stream().map(vocabulary::encode).map(a -> a.length == 0 ? new int[]{WordVocabulary.UNK_ID} : a).toList();
        Tensor padded = PaddedSequences.pad(ids, WordVocabulary.PAD_ID);                             // (B, T)
        int width = (int) padded.size(1);
        boolean[] keep = new boolean[texts.size() * width];
        for (int b = 0; b < ids.size(); b++) {
            for (int t = 0; t < ids.get(b).length; t++) keep[b * width + t] = ids.get(b)[t] > WordVocabulary.UNK_ID;
        }
        Tensor mask = Tensor.of(keep, texts.size(), width).unsqueeze(-1);                            // (B, T, 1)
        return PaddedSequences.maskedMean(embedding.forward(padded), mask, 1);
    }

    private static double[] normalised(double[] v) {
        double norm = 0;
        for (double x : v) norm += x * x;
        norm = Math.sqrt(norm);
        double[] out = new double[v.length];
        if (norm == 0) return out;
        for (int d = 0; d < v.length; d++) out[d] = v[d] / norm;
        return out;
    }

    /** Share of {@code utterances} (slot-filling requests) that the retriever wrongly answers from the FAQ. */
    public double capturedShare(List<String> utterances) {
        return utterances.stream().filter(u -> retrieve(u).answer().isPresent()).count() / (double) utterances.size();
    }

    /** The user turns of {@code dialogues} as text. */
    public static List<String> utterances(List<ServiceDialogues.Dialogue> dialogues) {
        return dialogues.stream().flatMap(d -> d.turns().stream()).map(t -> String.join(" ", t.tokens())).toList();
    }

    /**
     * Prints held-out paraphrase accuracy, off-topic rejection and the share of held-out assistant turns
     * wrongly taken by the FAQ, for a few thresholds.
     * <pre>
     * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.dialogue.FaqRetriever
     * </pre>
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        var corpus = ServiceDialogues.generate(1500, 300, 42);
        List<String> taskTurns = utterances(corpus.train().subList(0, 300));
        List<String> testTurns = utterances(corpus.test());
        for (double threshold : new double[]{0.3, 0.5, 0.6, 0.7}) {
            FaqRetriever faq = train(taskTurns, 32, 200, threshold, 1);
            System.out.printf(java.util.Locale.ROOT, "threshold %.1f: held-out paraphrases right %.1f%% (%d), off-topic rejected %.1f%% (%d), "
                    + "held-out assistant turns taken by the FAQ %.1f%% (%d)%n", threshold, 100 * faq.heldOutAccuracy(), HELD_OUT.size(),
                    100 * faq.offTopicRejection(), OFF_TOPIC.size(), 100 * faq.capturedShare(testTurns), testTurns.size());
        }
        System.out.printf(java.util.Locale.ROOT, "%.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
