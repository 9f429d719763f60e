package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import jgrad.data.Fortunes;
import org.junit.jupiter.api.Test;

class TangPoemsTest {

    @Test
    void bodyDropsTitleAndAuthorAndJoinsTheLines() {
        String entry = "《静夜思》\n作者：李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。";
        assertThat(TangPoems.body(entry)).isEqualTo("床前明月光，疑是地上霜。举头望明月，低头思故乡。");
    }

    @Test
    void regularLineShareCountsFiveAndSevenCharacterLines() {
        assertThat(TangPoems.regularLineShare("床前明月光，疑是地上霜。举头望明月，低头思故乡。")).isEqualTo(1.0);
        // 5, 3, 7 and 4 characters: two of four lines are regular
        assertThat(TangPoems.regularLineShare("床前明月光，疑是地。两个黄鹂鸣翠柳，一行白鹭？")).isCloseTo(0.5, within(1e-15));
        assertThat(TangPoems.regularLineShare("")).isEqualTo(0.0);
    }

    /**
     * 40 steps of the demo's GPT on tang300: validation loss must fall well below ln(vocabulary) =
     * ln(2406) = 7.79 nats, the loss of a uniform guess (measured: 6.65 after 40 steps).
     */
    @Test
    void characterGptLearnsTangPoemsWhenInstalled() throws IOException {
        var corpus = Fortunes.defaultDirectory();
        assumeTrue(Fortunes.isAvailable(corpus, "tang300"), "the Debian package fortunes-zh is not installed (" + corpus + ")");
        var data = TangPoems.prepare(Fortunes.load(corpus, "tang300"), 42);
        var model = TangPoems.model(data, 1);
        double uniform = Math.log(data.tokenizer().vocabSize());
        TangPoems.train(model, data, 40, 16, 7, false);
        double validation = TangPoems.loss(model, data, data.validation(), 5, 3);
        assertThat(validation).as("validation loss after 40 steps (uniform guess: %.2f)", uniform).isLessThan(uniform - 0.8);
        String poem = TangPoems.sample(model, data, "春", 20, 0.8, new SplittableRandom(1));
        assertThat(poem).startsWith("春").doesNotContain("\n");
    }
}
