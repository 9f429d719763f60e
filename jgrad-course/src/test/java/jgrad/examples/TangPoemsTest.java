package jgrad.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import jgrad.data.Fortunes;
import jgrad.text.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TangPoemsTest {

    @Test
    void bodyDropsTitleAndAuthorAndJoinsTheLines() {
        String entry = "《静夜思》\n作者：李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。";
        assertThat(TangPoems.body(entry)).isEqualTo("床前明月光，疑是地上霜。举头望明月，低头思故乡。");
        assertThat(TangPoems.body("题目:《塞上》\n作者:柳开\n鸣骹直上一千尺，天静无风声更干。")).isEqualTo("鸣骹直上一千尺，天静无风声更干。");
    }

    @Test
    void regularLineShareCountsFiveAndSevenCharacterLines() {
        assertThat(TangPoems.regularLineShare("床前明月光，疑是地上霜。举头望明月，低头思故乡。")).isEqualTo(1.0);
        // 5, 3, 7 and 4 characters: two of four lines are regular
        assertThat(TangPoems.regularLineShare("床前明月光，疑是地。两个黄鹂鸣翠柳，一行白鹭？")).isCloseTo(0.5, within(1e-15));
        assertThat(TangPoems.regularLineShare("")).isEqualTo(0.0);
    }

    /**
     * The extra text keeps classical verse without attribution, each entry ended by the extra-text mark, and
     * drops prose (the proverb: lines of six and four characters), modern text and every entry quoting a Tang line.
     */
    @Test
    void classicalChineseDropsModernTextAndEveryEntryQuotingATangPoem(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("tang300"), "《静夜思》\n作者：李白\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n");
        Files.writeString(folder.resolve("chinese"), String.join("\n%\n",
                "春眠不觉晓，处处闻啼鸟。\n    -- 孟浩然《春晓》",
                "远亲不如近邻，近邻不如对门。\n    --《谚语》",
                "举头望明月，低头思故乡。\n    -- 李白《静夜思》",
                "夜来明月光，照我地上霜。",
                "用 apt-get 安装软件包。",
                "\u001b[32m题目:《塞上》\u001b[m\n作者:柳开\n鸣骹直上一千尺，天静无风声更干。") + "\n");
        var tang = Fortunes.load(folder, "tang300");
        String extra = TangPoems.classicalChinese(Fortunes.load(folder, "chinese"), tang);
        assertThat(extra).isEqualTo("春眠不觉晓，处处闻啼鸟。¶夜来明月光，照我地上霜。¶鸣骹直上一千尺，天静无风声更干。¶");
    }

    /**
     * Add-k bigram by hand: training "abab" (pairs ab, ba, ab), V = 3 (a, b and the unknown mark □), k = 1:
     * p(b | a) = (2 + 1) / (2 + 3), p(a | b) = (1 + 1) / (1 + 3); scoring "aba" gives -(ln 0.6 + ln 0.5) / 2.
     */
    @Test
    void bigramLossMatchesHandWorkedCounts() {
        var tokenizer = CharTokenizer.fromText("ab", '□');
        double loss = TangPoems.bigramLoss(tokenizer.encode("abab"), tokenizer.encode("aba"), tokenizer.vocabSize(), 1.0);
        assertThat(loss).isCloseTo(-(Math.log(0.6) + Math.log(0.5)) / 2, within(1e-12));
        // an unseen pair (a after a) has only the smoothing mass: k / (c(a) + k V) = 1 / 5
        assertThat(TangPoems.bigramLoss(tokenizer.encode("abab"), tokenizer.encode("aa"), 3, 1.0)).isCloseTo(-Math.log(0.2), within(1e-12));
    }

    /**
     * A short run of the demo's training (tang300 plus the classical verse of song100 and chinese, validation
     * poems unseen) on a smaller GPT (2 layers, width 64, context 32): on every character of the validation
     * poems it must beat both counting baselines, the character frequencies and the add-k bigram, whichever
     * text they are counted on, by 0.05 nats. Measured after 200 steps of 16: 6.361 against the best baseline's
     * 6.441 (the frequencies of all the training text); 12 s (29 s when the 2-core machine is loaded).
     */
    @Test
    void characterGptBeatsTheCountingBaselinesOnValidationPoemsWhenInstalled() throws IOException {
        var corpus = Fortunes.defaultDirectory();
        assumeTrue(Fortunes.isAvailable(corpus, "tang300", "song100", "chinese"),
                "the Debian package fortunes-zh (tang300, song100, chinese) is not installed in " + corpus);
        var tang = Fortunes.load(corpus, "tang300");
        var data = TangPoems.prepare(tang, TangPoems.classicalChinese(Fortunes.load(corpus, "song100", "chinese"), tang), 42);
        double baseline = Double.POSITIVE_INFINITY;
        for (String training : new String[] {data.train(), data.allTraining()}) {
            baseline = Math.min(baseline, Math.min(TangPoems.unigramLoss(data, training, data.validation()),
                    TangPoems.bigramLoss(data, training, data.validation()).loss()));
        }
        var model = TangPoems.model(data, 32, 2, 64, 1);
        TangPoems.train(model, data, STEPS, 16, 7, false);
        double validation = TangPoems.validationLoss(model, data, data.validation());
        assertThat(validation).as("validation loss after %d steps (best counting baseline %.3f)", STEPS, baseline).isLessThan(baseline - 0.05);
        String poem = TangPoems.sample(model, data, "春", 20, 0.8, new SplittableRandom(1));
        assertThat(poem).startsWith("春").doesNotContain("\n");
    }

    private static final int STEPS = 200;
}
