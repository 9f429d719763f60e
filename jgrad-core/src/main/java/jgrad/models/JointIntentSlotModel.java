package jgrad.models;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.PaddedSequences;
import jgrad.nn.functional.F;
import jgrad.text.WordVocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Joint intent classification and slot filling (Liu and Lane 2016; Chen et al. 2019): one shared
 * encoder reads the utterance, an intent head labels the whole utterance and a BIO tagger with a CRF
 * marks the slot values in it.
 * <pre>
 *   H = BiLSTM([E_word; E_shape; E_suffix](x))        (B, T, 2H)      the tagger's encoder, shared
 *   intent logits = W_i maskedMax_t(H) + b_i           (B, intents)
 *   slot emissions = W_s H + b_s  -> CRF (BIO)         (B, T, tags)
 *   loss = CE(intent) + CRF negative log-likelihood(slots)
 * </pre>
 * Training both heads through one encoder lets each task's signal shape the features of the other
 * (a city name says "store hours"; "how much is the" says the next words are a product).
 *
 * <pre>{@code
 * var model = new JointIntentSlotModel(vocabulary, intents, slotTags, 48, 64, 0.25, generator);
 * Tensor loss = model.loss(utterances, intentIds, slotTags);
 * List<JointIntentSlotModel.Parse> parses = model.parse(List.of(List.of("Where", "is", "order", "K4821", "?")));
 * }</pre>
 */
public final class JointIntentSlotModel extends Module {

    /** What the model read in one utterance: the intent's name and one BIO tag per token. */
    public record Parse(String intent, List<String> slotTags) {
    }

    private final List<String> intents;

    /**
     * @param wordDropout probability that a training word is replaced by the unknown word, so slots are
     *                    found from context, shape and suffix when their values are new
     */
    public JointIntentSlotModel(WordVocabulary vocabulary, List<String> intents, List<String> slotTags, int wordDim, int hidden,
                                double wordDropout, RandomGenerator generator) {
        this.intents = List.copyOf(intents);
        registerModule("tagger", new BiLSTMCRFTagger(vocabulary, slotTags, wordDim, hidden, wordDropout, generator));
        registerModule("intent", new Linear(2 * hidden, intents.size(), true, generator));
    }

    public List<String> intents() {
        return intents;
    }

    /** Training loss of a batch: mean intent cross-entropy plus mean CRF negative log-likelihood of the slot tags. */
    public Tensor loss(List<List<String>> utterances, int[] intentIds, List<List<String>> slotTags) {
        Tensor states = tagger().states(utterances);                                                    // (B, T, 2H)
        Tensor intentLoss = F.crossEntropy(intentLogits(states, utterances), Tensor.of(intentIds));
        return intentLoss.add(tagger().loss(tagger().emissionsOf(states), slotTags));
    }

    /** The intent and slot tags of each utterance (evaluation mode, no gradient). */
    public List<Parse> parse(List<List<String>> utterances) {
        eval();
        try (var ignored = Grad.noGrad()) {
            Tensor states = tagger().states(utterances);
            long[] best = intentLogits(states, utterances).argmax(1, false).toLongArray();
            int[] lengths = utterances.stream().mapToInt(List::size).toArray();
            List<List<String>> tags = tagger().decode(tagger().emissionsOf(states), lengths);
            var parses = new ArrayList<Parse>();
            for (int b = 0; b < utterances.size(); b++) parses.add(new Parse(intents.get((int) best[b]), tags.get(b)));
            return parses;
        }
    }

    /** Intent scores {@code (B, intents)}: a linear layer on the states' max over each utterance's real steps. */
    private Tensor intentLogits(Tensor states, List<List<String>> utterances) {
        int[] lengths = utterances.stream().mapToInt(List::size).toArray();
        Tensor keep = PaddedSequences.lengthMask(lengths, states.size(1)).unsqueeze(-1);                // (B, T, 1)
        return child("intent").forward(PaddedSequences.maskedMax(states, keep, 1));
    }

    private BiLSTMCRFTagger tagger() {
        return (BiLSTMCRFTagger) child("tagger");
    }

    /** Not a door into this model: it reads tokens, not ids. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("JointIntentSlotModel reads tokens, not ids: call loss(...) or parse(...)");
    }
}
