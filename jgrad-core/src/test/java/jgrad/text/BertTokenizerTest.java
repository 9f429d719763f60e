package jgrad.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jgrad.text.BertTokenizer.Padding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BertTokenizer against outputs worked out by hand from the documented algorithm (Hugging Face's
 * BasicTokenizer and WordPieceTokenizer, and the examples in their tests and docstrings).
 */
class BertTokenizerTest {
    @TempDir
    Path directory;

    /** The vocabulary of Hugging Face's WordPiece test, plus the special tokens and some punctuation. */
    private static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",
            "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",", "low", "lowest", "!", "a", "##a");

    private static BertTokenizer tokenizer() {
        return new BertTokenizer(VOCAB, true, true);
    }

    @Test
    void basicLowerCasesAndSplitsPunctuationAndWhitespace() {
        var lower = new BasicTokenizer(true, true, Set.of());
        assertThat(lower.tokenize(" \tHeLLo!how  \n Are yoU?  ")).containsExactly("hello", "!", "how", "are", "you", "?");
        var cased = new BasicTokenizer(false, false, Set.of());
        assertThat(cased.tokenize(" \tHeLLo!how  \n Are yoU?  ")).containsExactly("HeLLo", "!", "how", "Are", "yoU", "?");
    }

    @Test
    void accentsAreStrippedOnlyWhenConfigured() {
        String text = " \tHäLLo!how  \n Are yoU?  ";
        assertThat(new BasicTokenizer(true, true, Set.of()).tokenize(text)).startsWith("hallo");
        assertThat(new BasicTokenizer(true, false, Set.of()).tokenize(text)).startsWith("hällo");
        assertThat(new BasicTokenizer(false, true, Set.of()).tokenize(text)).startsWith("HaLLo");
    }

    @Test
    void cjkIdeographsAreWordsOfTheirOwnButKanaIsNot() {
        var basic = new BasicTokenizer(true, true, Set.of());
        assertThat(basic.tokenize("ah博推zz")).containsExactly("ah", "博", "推", "zz");
        assertThat(basic.tokenize("すし")).containsExactly("すし");
    }

    @Test
    void controlCharactersVanishAndUnicodeSpacesAndPunctuationSplit() {
        var basic = new BasicTokenizer(true, true, Set.of());
        // U+0000 and U+200B (zero-width space, category Cf) are removed; U+00A0 (Zs) is a space.
        assertThat(basic.tokenize("a\u0000b\u200Bc d\u00A0e")).containsExactly("abc", "d", "e");
        // em dash (Pd) is punctuation; '$' (Sc) counts because it is ASCII; '€' (Sc) does not.
        assertThat(basic.tokenize("hi—there $5 5€")).containsExactly("hi", "—", "there", "$", "5", "5€");
    }

    @Test
    void wordPieceIsGreedyLongestMatchFirst() {
        var tok = tokenizer();
        assertThat(tok.tokenize("unwanted running")).containsExactly("un", "##want", "##ed", "runn", "##ing");
        // one unknown piece makes the whole word [UNK], not just that piece
        assertThat(tok.tokenize("unwantedX running")).containsExactly("[UNK]", "runn", "##ing");
        // "lowest" is in the vocabulary, so it wins over "low" + a continuation
        assertThat(tok.tokenize("lowest, low")).containsExactly("lowest", ",", "low");
        assertThat(tok.tokenize("")).isEmpty();
    }

    @Test
    void wordsLongerThanOneHundredCharactersAreUnknown() {
        var tok = tokenizer();
        assertThat(tok.tokenize("a".repeat(100))).hasSize(100).startsWith("a", "##a");
        assertThat(tok.tokenize("a".repeat(101))).containsExactly("[UNK]");
    }

    @Test
    void specialTokensWrittenInTheTextStayWhole() {
        assertThat(tokenizer().tokenize("want [SEP] low")).containsExactly("want", "[SEP]", "low");
    }

    @Test
    void pairsGetSeparatorsAndTokenTypeIds() {
        var e = tokenizer().encode("unwanted", "low!", 0);
        // [CLS]=2 un=9 ##want=6 ##ed=7 [SEP]=3 low=13 !=15 [SEP]=3
        assertThat(e.inputIds()).containsExactly(2, 9, 6, 7, 3, 13, 15, 3);
        assertThat(e.tokenTypeIds()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(e.attentionMask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(tokenizer().encode("low")).containsExactly(2, 13, 3);
    }

    @Test
    void truncationCutsTheLongerTextFirstAndTheSecondOnTies() {
        var tok = tokenizer();
        // a = un ##want ##ed , low (5 tokens), b = low ! (2); 8 - 3 specials leaves 5: a loses 2 tokens
        var e = tok.encode("unwanted, low", "low!", 8);
        assertThat(e.inputIds()).containsExactly(2, 9, 6, 7, 3, 13, 15, 3);
        // a and b both 3 tokens, 7 - 3 leaves 4: b loses one (tie), then a (now longer) loses one
        var tie = tok.encode("low, low", "low ! a", 7);
        assertThat(tie.inputIds()).containsExactly(2, 13, 12, 3, 13, 15, 3);
        assertThat(tie.tokenTypeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1);
        assertThat(tok.encode("low low low", null, 4).inputIds()).containsExactly(2, 13, 13, 3);
        assertThatThrownBy(() -> tok.encode("a", "b", 2)).hasMessageContaining("maxLength 2");
    }

    @Test
    void batchesArePaddedOnTheRightWithMaskZero() {
        var tok = tokenizer();
        var longest = tok.encodeBatch(List.of("low", "unwanted"), null, 0, Padding.LONGEST);
        assertThat(longest.inputIds().shape()).containsExactly(2, 5);
        assertThat(longest.inputIds().toLongArray()).containsExactly(2, 13, 3, 0, 0, 2, 9, 6, 7, 3);
        assertThat(longest.attentionMask().toLongArray()).containsExactly(1, 1, 1, 0, 0, 1, 1, 1, 1, 1);
        assertThat(longest.tokenTypeIds().toLongArray()).containsOnly(0);
        var fixed = tok.encodeBatch(List.of("low"), List.of("a"), 6, Padding.MAX_LENGTH);
        assertThat(fixed.inputIds().toLongArray()).containsExactly(2, 13, 3, 16, 3, 0);
        assertThat(fixed.tokenTypeIds().toLongArray()).containsExactly(0, 0, 0, 1, 1, 0);
        assertThat(fixed.attentionMask().toLongArray()).containsExactly(1, 1, 1, 1, 1, 0);
    }

    @Test
    void decodeGluesContinuationsAndCanSkipSpecialTokens() {
        var tok = tokenizer();
        int[] ids = tok.encode("unwanted running");
        assertThat(tok.decode(ids, false)).isEqualTo("[CLS] unwanted running [SEP]");
        assertThat(tok.decode(ids, true)).isEqualTo("unwanted running");
    }

    @Test
    void vocabFileRoundTripsAndMissingSpecialsAreNamed() throws IOException {
        Path file = directory.resolve("vocab.txt");
        tokenizer().save(file);
        var read = BertTokenizer.fromVocabFile(file, true);
        assertThat(read.vocab()).isEqualTo(VOCAB);
        assertThat(read.tokenToId("##ing")).isEqualTo(11);
        Files.writeString(file, "[PAD]\n[UNK]\nhello\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BertTokenizer.fromVocabFile(file, true))
                .hasMessageContaining("[CLS]").hasMessageContaining("[SEP]").hasMessageContaining("[MASK]");
        assertThatThrownBy(() -> BertTokenizer.fromVocabFile(directory.resolve("absent.txt"), true))
                .hasMessageContaining("vocab.txt");
    }

    @Test
    void trainerMergesTheMostFrequentPairs() {
        var basic = new BasicTokenizer(true, true, Set.of());
        // words hug x3, pug, pun: pairs (##u,##g) 4, (h,##u) 3, (p,##u) 2, (##u,##n) 1
        // merge 1: ##u ##g -> ##ug (4); then (h,##ug) 3 -> hug; every other pair occurs once
        List<String> corpus = List.of("Hug hug", "hug pug pun");
        assertThat(WordPieceTrainer.train(corpus, 100, 2, basic)).containsExactly(
                "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "##g", "##n", "##u", "h", "p", "##ug", "hug");
        // with minFrequency 1 the ties at count 1 go to the merged token that sorts first: ##un < pu < pug
        assertThat(WordPieceTrainer.train(corpus, 13, 1, basic)).endsWith("##ug", "hug", "##un");
        assertThat(WordPieceTrainer.train(corpus, 100, 1, basic)).endsWith("##ug", "hug", "##un", "pug", "pun");
        var tok = new BertTokenizer(WordPieceTrainer.train(corpus, 100, 2, basic), true, true);
        assertThat(tok.tokenize("pug hugs")).containsExactly("p", "##ug", "[UNK]");
    }
}
