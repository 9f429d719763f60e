package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import jgrad.data.Fortunes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast version of the whole project on the real {@code fortunes} corpus (skipped without it):
 * MLM pretraining of a tiny BERT must bring the held-out masked-token loss well below the uniform
 * guess, the checkpoint folder must load, and full fine-tuning and the three parameter-efficient
 * methods must each beat chance on held-out fortunes while training only a small share of the weights.
 * Settings are tiny (hidden 32, one layer, 3,000 pretraining texts, 40 fortunes per category) so it
 * runs in seconds; the real figures come from {@code BertFineTune --method compare}.
 */
class BertFineTuneTrainingTest {
    @TempDir
    Path directory;

    @Test
    void pretrainThenFineTuneEveryMethodAboveChance() throws IOException {
        Path fortunes = Fortunes.defaultDirectory();
        assumeTrue(Fortunes.isAvailable(fortunes, BertFineTune.TASK.toArray(String[]::new)),
                "the fortunes corpus (Debian package 'fortunes') is not installed");
        var corpus = BertFineTune.pretrainingCorpus(fortunes, 0.05, 0);
        var quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        var options = new BertPretrain.Options(directory, 600, 32, 1, 2, 32, 32, 150, 2e-3, 150, 0);
        var pretrained = BertPretrain.pretrain(corpus.train().subList(0, 3000), corpus.validation().subList(0, 300), options, quiet);
        // the uniform guess over 600 tokens costs ln 600 = 6.40 nats; the unigram frequencies alone about 5.3
        assertThat(pretrained.bestValidationLoss()).as("held-out MLM loss after 150 steps").isLessThan(5.8);
        assertThat(Files.exists(directory.resolve("model.safetensors"))).isTrue();

        var task = BertFineTune.taskSplit(fortunes, 40, 0);
        var model = BertFineTune.Pretrained.read(directory);
        var fineTune = new BertFineTune.Options(6, 16, 32, 1e-3, 3e-3, 40, 0);
        Map<BertFineTune.Method, BertFineTune.Result> results = new EnumMap<>(BertFineTune.Method.class);
        for (var method : new BertFineTune.Method[] {BertFineTune.Method.FULL, BertFineTune.Method.LORA,
                BertFineTune.Method.ADAPTERS, BertFineTune.Method.PREFIX}) {
            results.put(method, BertFineTune.fineTune(method, model, task, fineTune, quiet));
        }
        System.out.print(BertFineTune.table(results.values().stream().toList()));
        // 4 classes: chance is 0.25 on the 32 held-out fortunes
        results.forEach((method, result) -> assertThat(result.finalAccuracy()).as(method + " held-out accuracy").isGreaterThan(0.4));
        assertThat(results.get(BertFineTune.Method.FULL).trainable()).isEqualTo(results.get(BertFineTune.Method.FULL).total());
        for (var method : new BertFineTune.Method[] {BertFineTune.Method.LORA, BertFineTune.Method.ADAPTERS, BertFineTune.Method.PREFIX}) {
            var r = results.get(method);
            assertThat((double) r.trainable() / r.total()).as(method + " trainable share").isLessThan(0.2);
        }
    }
}
