package jgrad.examples;

import jgrad.Tensor;
import jgrad.data.Conll;
import jgrad.data.Dataset;
import jgrad.models.BiLSTMCRFTagger;
import jgrad.optim.Adam;
import jgrad.optim.ClipGrad;
import jgrad.text.WordVocabulary;
import jgrad.train.EntityScores;
import jgrad.train.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Named-entity recognition with a {@link BiLSTMCRFTagger} on {@link NerCorpus}: people, places and
 * organisations in generated sentences, test entities never seen in training. Reports entity-level
 * precision, recall and F1 as conlleval computes them and writes the test predictions in CoNLL format
 * (token, gold tag, predicted tag), ready for conlleval.
 *
 * <pre>
 * ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.NamedEntityRecognition -Djgrad.args="6 out/ner"
 * </pre>
 * Arguments: epochs (default 6), output directory (default {@code out/ner}).
 */
public final class NamedEntityRecognition {

    private NamedEntityRecognition() {
    }

    /** The tagger and its scores on the test sentences. */
    public record Result(BiLSTMCRFTagger tagger, EntityScores scores, List<List<String>> predicted) {
    }

    /** Trains on {@code corpus.train()} with Adam and returns the entity scores on {@code corpus.test()}. */
    public static Result train(NerCorpus.Corpus corpus, int epochs, int batchSize, long seed, boolean progress) {
        var vocabulary = WordVocabulary.build(corpus.train().stream().map(s -> String.join(" ", s.tokens())).toList(), 1, 10_000);
        var random = new SplittableRandom(seed);
        var tagger = new BiLSTMCRFTagger(vocabulary, NerCorpus.TAGS, 48, 48, 0.25, random);
        var optimizer = new Adam(tagger.parameters(), 5e-3);
        List<Conll.Sentence> train = corpus.train();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            tagger.train();
            int[] order = Dataset.permutation(train.size(), random);
            Progress bar = progress ? new Progress(System.out, Progress.isTerminal(), "epoch " + epoch + "/" + epochs,
                    Math.ceilDiv(order.length, batchSize)) : null;
            for (int first = 0; first < order.length; first += batchSize) {
                var sentences = new ArrayList<List<String>>();
                var tags = new ArrayList<List<String>>();
                for (int i = first; i < Math.min(order.length, first + batchSize); i++) {
                    sentences.add(train.get(order[i]).tokens());
                    tags.add(train.get(order[i]).tags());
                }
                optimizer.zeroGrad();
                Tensor loss = tagger.loss(sentences, tags);
                loss.backward();
                ClipGrad.clipGradNorm(tagger.parameters(), 5.0);
                optimizer.step();
                if (bar != null) bar.step(loss.item());
            }
        }
        return evaluate(tagger, corpus.test());
    }

    /** Tags {@code sentences} (evaluation mode) and scores the entities against their gold tags. */
    public static Result evaluate(BiLSTMCRFTagger tagger, List<Conll.Sentence> sentences) {
        tagger.eval();
        var scores = new EntityScores();
        var predicted = new ArrayList<List<String>>();
        for (int first = 0; first < sentences.size(); first += 128) {
            List<Conll.Sentence> batch = sentences.subList(first, Math.min(sentences.size(), first + 128));
            List<List<String>> tags = tagger.tag(batch.stream().map(Conll.Sentence::tokens).toList());
            for (int i = 0; i < batch.size(); i++) scores.add(batch.get(i).tags(), tags.get(i));
            predicted.addAll(tags);
        }
        return new Result(tagger, scores, predicted);
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Path dir = Path.of(args.length > 1 ? args[1] : "out/ner");
        var corpus = NerCorpus.generate(2000, 500, 42);
        System.out.printf(Locale.ROOT, "%d training and %d test sentences; test entities never occur in training%n",
                corpus.train().size(), corpus.test().size());
        long start = System.nanoTime();
        Result result = train(corpus, epochs, 32, 1, true);
        System.out.printf(Locale.ROOT, "%nentity-level scores on the test sentences (conlleval), %.1f s:%n%s",
                (System.nanoTime() - start) / 1e9, result.scores().report());
        Conll.write(dir.resolve("train.conll"), corpus.train());
        var lines = new StringBuilder();
        for (int i = 0; i < corpus.test().size(); i++) {
            Conll.Sentence gold = corpus.test().get(i);
            for (int t = 0; t < gold.size(); t++) {
                lines.append(gold.tokens().get(t)).append(' ').append(gold.tags().get(t)).append(' ')
                        .append(result.predicted().get(i).get(t)).append('\n');
            }
            lines.append('\n');
        }
        jgrad.io.AtomicFiles.writeString(dir.resolve("test-predicted.conll"), lines.toString());
        System.out.println("CoNLL files (token gold predicted) written to " + dir.toAbsolutePath());
    }
}
