package jgrad.models;

import jgrad.Jgrad;
import jgrad.Tensor;
import jgrad.nn.BiLSTM;
import jgrad.nn.CRF;
import jgrad.nn.Embedding;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.PaddedSequences;
import jgrad.nn.functional.F;
import jgrad.text.WordVocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A BiLSTM-CRF sequence tagger (Huang et al. 2015; Lample et al. 2016) for named entities. Each
 * token is represented by three embeddings side by side — the word, its shape ({@code Xx}, {@code X},
 * {@code x}, {@code d}, ...) and its last three letters — so a name never seen in training still
 * shows its capital letter and its ending. A BiLSTM reads the sentence both ways, a linear layer
 * scores every tag at every position, and a {@link CRF} with BIO constraints scores whole tag
 * sequences:
 * <pre>
 *   x_t = [E_word[w_t]; E_shape[shape(w_t)]; E_suffix[suffix(w_t)]]     (B, T, dw + ds + dx)
 *   h_t = BiLSTM(x)_t                                                     (B, T, 2H)
 *   emissions_t = W h_t + b                                               (B, T, K)
 *   loss = -log p(y | emissions)   (CRF forward algorithm);   tags = Viterbi(emissions)
 * </pre>
 *
 * <pre>{@code
 * var tagger = new BiLSTMCRFTagger(vocabulary, NerCorpus.TAGS, 48, 48, 0.25, generator);
 * Tensor loss = tagger.loss(sentences, goldTags);                // mean negative log-likelihood
 * List<List<String>> tags = tagger.tag(List.of(List.of("Ada", "visited", "Paris", ".")));
 * }</pre>
 */
public final class BiLSTMCRFTagger extends Module {
    /** Hash buckets for three-letter suffixes. */
    static final int SUFFIX_BUCKETS = 512;
    private static final List<String> SHAPES = List.of("<pad>", "x", "Xx", "X", "d", "p", "mixed");

    private final WordVocabulary vocabulary;
    private final List<String> tags;
    private final double wordDropout;
    private final RandomGenerator generator;

    /**
     * @param wordDropout probability that a training word is replaced by the unknown word, so the model
     *                    learns to tag from shape, suffix and context (test names are unknown words)
     */
    public BiLSTMCRFTagger(WordVocabulary vocabulary, List<String> tags, int wordDim, int hidden, double wordDropout,
                           RandomGenerator generator) {
        this.vocabulary = vocabulary;
        this.tags = List.copyOf(tags);
        this.wordDropout = wordDropout;
        this.generator = generator;
        int shapeDim = 8, suffixDim = 16;
        registerModule("word", new Embedding(vocabulary.size(), wordDim, WordVocabulary.PAD_ID, generator));
        registerModule("shape", new Embedding(SHAPES.size(), shapeDim, 0, generator));
        registerModule("suffix", new Embedding(SUFFIX_BUCKETS + 1, suffixDim, 0, generator));
        registerModule("bilstm", new BiLSTM(wordDim + shapeDim + suffixDim, hidden, generator));
        registerModule("emissions", new Linear(2 * hidden, tags.size(), true, generator));
        registerModule("crf", new CRF(tags.size(), CRF.Constraints.bio(tags), generator));
    }

    public BiLSTMCRFTagger(WordVocabulary vocabulary, List<String> tags, int wordDim, int hidden, double wordDropout) {
        this(vocabulary, tags, wordDim, hidden, wordDropout, Jgrad.generator());
    }

    /** The tag names; tag id {@code i} is {@code tags().get(i)}. */
    public List<String> tags() {
        return tags;
    }

    /** Per-token tag scores {@code (B, T, K)} of a batch of tokenised sentences (original case). */
    public Tensor emissions(List<List<String>> sentences) {
        return emissionsOf(states(sentences));
    }

    /**
     * The BiLSTM states {@code (B, T, 2H)} of a batch of tokenised sentences (original case), zero on
     * the padding: what the emissions are computed from, and what a joint model can read for a
     * whole-sentence label.
     */
    public Tensor states(List<List<String>> sentences) {
        int[] lengths = lengths(sentences);
        var words = new ArrayList<int[]>();
        var shapes = new ArrayList<int[]>();
        var suffixes = new ArrayList<int[]>();
        for (List<String> sentence : sentences) {
            int[] w = new int[sentence.size()], s = new int[sentence.size()], x = new int[sentence.size()];
            for (int t = 0; t < sentence.size(); t++) {
                String token = sentence.get(t);
                w[t] = isTraining() && generator.nextDouble() < wordDropout
                        ? WordVocabulary.UNK_ID : vocabulary.id(token.toLowerCase(Locale.ROOT));
                s[t] = SHAPES.indexOf(shape(token));
                x[t] = 1 + Math.floorMod(suffix(token).hashCode(), SUFFIX_BUCKETS);
            }
            words.add(w);
            shapes.add(s);
            suffixes.add(x);
        }
        Tensor features = Tensor.cat(List.of(
                child("word").forward(PaddedSequences.pad(words, WordVocabulary.PAD_ID)),
                child("shape").forward(PaddedSequences.pad(shapes, 0)),
                child("suffix").forward(PaddedSequences.pad(suffixes, 0))), 2);                   // (B, T, dw + ds + dx)
        return ((BiLSTM) child("bilstm")).forward(features, lengths).output();                    // (B, T, 2H)
    }

    /** The tag scores {@code (B, T, K)} of BiLSTM states {@code (B, T, 2H)}. */
    public Tensor emissionsOf(Tensor states) {
        return child("emissions").forward(F.dropout(states, 0.25, isTraining(), generator));
    }

    /** The mean CRF negative log-likelihood of the gold tags (names from {@link #tags()}). */
    public Tensor loss(List<List<String>> sentences, List<List<String>> goldTags) {
        return loss(emissions(sentences), goldTags);
    }

    /** The mean CRF negative log-likelihood of the gold tags given the emissions {@code (B, T, K)}. */
    public Tensor loss(Tensor emissions, List<List<String>> goldTags) {
        var ids = new ArrayList<int[]>();
        for (List<String> sentenceTags : goldTags) {
            ids.add(sentenceTags.stream().mapToInt(this::tagId).toArray());
        }
        return crf().negLogLikelihood(emissions, PaddedSequences.pad(ids, 0), lengths(goldTags));
    }

    /** The Viterbi tags of each sentence (call {@link #eval()} first to turn dropout off). */
    public List<List<String>> tag(List<List<String>> sentences) {
        try (var ignored = jgrad.Grad.noGrad()) {
            return decode(emissions(sentences), lengths(sentences));
        }
    }

    /** The Viterbi tags of emissions {@code (B, T, K)}, {@code lengths[b]} tags for sentence {@code b}. */
    public List<List<String>> decode(Tensor emissions, int[] lengths) {
        var out = new ArrayList<List<String>>();
        for (int[] path : crf().decode(emissions, lengths)) {
            out.add(java.util.Arrays.stream(path).mapToObj(tags::get).toList());
        }
        return out;
    }

    private static int[] lengths(List<? extends List<String>> sentences) {
        return sentences.stream().mapToInt(List::size).toArray();
    }

    /** Not a door into this model: it reads tokens (case, shape and suffix matter), not ids. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("BiLSTMCRFTagger reads tokens, not ids: call emissions(sentences), loss(...) or tag(...)");
    }

    /**
     * The shape class of a token: {@code Xx} (capitalised), {@code X} (all capitals), {@code x} (lower
     * case), {@code d} (digits), {@code p} (punctuation) or {@code mixed}.
     */
    static String shape(String token) {
        if (token.chars().allMatch(Character::isDigit)) return "d";
        if (token.chars().noneMatch(Character::isLetterOrDigit)) return "p";
        if (token.chars().allMatch(Character::isLowerCase)) return "x";
        if (token.chars().allMatch(Character::isUpperCase)) return "X";
        if (Character.isUpperCase(token.charAt(0)) && token.substring(1).chars().allMatch(Character::isLowerCase)) return "Xx";
        return "mixed";
    }

    private static String suffix(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return lower.length() <= 3 ? lower : lower.substring(lower.length() - 3);
    }

    private int tagId(String tag) {
        int id = tags.indexOf(tag);
        if (id < 0) throw new IllegalArgumentException("BiLSTMCRFTagger: unknown tag '" + tag + "'; tags are " + tags);
        return id;
    }

    private CRF crf() {
        return (CRF) child("crf");
    }
}
