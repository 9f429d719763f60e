package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.data.Fortunes;
import jgrad.train.ConfusionMatrix;
import jgrad.viz.ConfusionMatrixPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three text classifiers learn topics from word choice: on fortune files the test writes (always
 * run) and on six real fortune categories (skipped without the Debian package).
 */
class FortuneClassificationTest {

    @TempDir
    Path directory;

    private static final List<List<String>> TOPICS = List.of(
            List.of("rocket", "orbit", "planet", "astronaut", "comet", "launch", "moon", "galaxy"),
            List.of("oven", "recipe", "flour", "butter", "bake", "sauce", "garlic", "simmer"),
            List.of("goal", "referee", "striker", "league", "penalty", "stadium", "keeper", "match"));
    private static final List<String> FILLER = List.of("the", "a", "of", "and", "was", "never", "always", "it", "we",
            "they", "said", "too", "much", "little", "again", "today");

    /** 60 fortunes per topic: 3 topic words among 6 filler words, in random order. */
    private Fortunes writtenCorpus() throws IOException {
        var random = new SplittableRandom(5);
        String[] names = {"space", "cooking", "football"};
        for (int topic = 0; topic < 3; topic++) {
            var text = new StringBuilder();
            for (int entry = 0; entry < 60; entry++) {
                var words = new ArrayList<String>();
                for (int i = 0; i < 3; i++) words.add(TOPICS.get(topic).get(random.nextInt(8)));
                for (int i = 0; i < 6; i++) words.add(FILLER.get(random.nextInt(FILLER.size())));
                java.util.Collections.shuffle(words, new java.util.Random(random.nextLong()));
                text.append(String.join(" ", words)).append(".\n%\n");
            }
            Files.writeString(directory.resolve(names[topic]), text);
        }
        return Fortunes.load(directory, names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bag", "cnn", "bilstm"})
    void eachModelLearnsTopicsFromWordsOnWrittenFortunes(String kind) throws IOException {
        var data = FortuneClassification.prepare(writtenCorpus(), 0.25, 3, 1, 500);
        var result = FortuneClassification.train(kind, FortuneClassification.model(kind, data, 1), data, 6, 16, 2, false);
        // 45 held-out texts of 3 topics, each with 3 telling words: chance is 33%
        assertThat(result.matrix().accuracy()).as("%s held-out accuracy%n%s", kind, result.report()).isGreaterThanOrEqualTo(0.9);
        assertThat(result.matrix().total()).isEqualTo(45);
    }

    @Test
    void naiveBayesAnchorAndConfusionPictureOnWrittenFortunes() throws IOException {
        var data = FortuneClassification.prepare(writtenCorpus(), 0.25, 3, 1, 0);
        ConfusionMatrix bayes = FortuneClassification.naiveBayes(data);
        assertThat(bayes.accuracy()).as("naive Bayes held-out accuracy").isGreaterThanOrEqualTo(0.9);
        Path png = directory.resolve("confusion.png");
        ConfusionMatrixPlot.writePng(bayes, data.names(), png);
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(3 * 56);
    }

    @Test
    void bigramsAreHashedAfterTheVocabulary() {
        int[] ids = FortuneClassification.withBigrams(new int[] {5, 6, 7}, 100, 10);
        assertThat(ids).hasSize(5).startsWith(5, 6, 7);
        assertThat(ids[3]).isBetween(100, 109);
        assertThat(FortuneClassification.withBigrams(new int[] {5, 6}, 100, 10)[2]).as("same pair, same bucket").isEqualTo(ids[3]);
    }

    /**
     * Real fortunes, fast settings (bag of embeddings, 2,000 bigram buckets, 6 epochs). Naive Bayes on
     * this split scores 52.6% and the full demo's bag model about 54%; chance (largest class) is 23%.
     */
    @Test
    void bagOfEmbeddingsBeatsChanceWellOnRealFortunes() throws IOException {
        Path corpus = Fortunes.defaultDirectory();
        assumeTrue(Fortunes.isAvailable(corpus, FortuneClassification.CATEGORIES.toArray(String[]::new)),
                "the Debian package fortunes is not installed (" + corpus + "); skipping the real-data run");
        var fortunes = Fortunes.load(corpus, FortuneClassification.CATEGORIES.toArray(String[]::new))
                .capped(FortuneClassification.MAX_PER_CATEGORY, 1);
        var data = FortuneClassification.prepare(fortunes, 0.2, 42, 2, 2000);
        var result = FortuneClassification.train("bag", FortuneClassification.model("bag", data, 7), data, 6, 32, 11, false);
        assertThat(result.matrix().accuracy()).as("held-out accuracy%n%s", result.report()).isGreaterThanOrEqualTo(0.45);
    }
}
