package jgrad.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Path;
import java.util.Locale;


import jgrad.notebook.Plot;
import jgrad.viz.Charts;
import jgrad.text.BpeTokenizer;
import jgrad.text.Tokenizer;

/**
 * How much byte-level BPE compresses text as its vocabulary grows: the picture of lecture 8.
 *
 * <p>Trains {@link BpeTokenizer} on a short embedded text for vocabulary sizes 256, 256 + STEP, ...,
 * and measures <em>bytes per token</em> (UTF-8 bytes of a text / number of its tokens) on the
 * training text and on a held-out text in the same style. At 256 every token is one byte
 * (1.0); merges raise it. On the training text it keeps rising until every chunk is one token
 * (the text runs out of pairs after 437 merges, and the curve goes flat); on the held-out text it
 * rises more slowly, because later merges memorise words that the held-out text does not use.
 *
 * <p>Run with {@code ./mvnw -q compile exec:exec -Djgrad.main=jgrad.examples.BpeCompression
 * -Djgrad.args=lectures/img/08-bytes-per-token.png}: prints the table and writes the chart
 * (training text blue, held-out orange).
 */
public final class BpeCompression {

    /** Vocabulary sizes 256, 256 + STEP, ..., up to MAX_VOCAB. */
    static final int STEP = 32;
    static final int MAX_VOCAB = 736;

    /** The training text (written for this example). */
    static final String TRAINING_TEXT = """
            The keeper of the harbour light wrote in the log every evening. The log was a long book with
            a green cover, and the keeper wrote the weather, the ships and the state of the lamp. On calm
            evenings the entries were short: wind from the west, sea calm, two fishing boats in before dark,
            lamp lit at six. On stormy evenings the entries were long, and the keeper's hand was not steady.
            The lamp needed oil twice a night in winter and once a night in summer. The keeper carried the
            oil up the stairs, one hundred and twelve steps, and counted them every time, because counting
            kept the mind awake. At the top the keeper trimmed the wick, cleaned the glass and wound the
            clockwork that turned the lens. The lens turned once every twenty seconds, and ships far out at
            sea counted the flashes to know which light they were seeing.
            In the morning the keeper put out the lamp, wrote the time in the log and slept until noon.
            In the afternoon there was painting to do, or the roof to mend, or letters to write to the
            harbour master about the oil, which was always late. The harbour master wrote back that the oil
            was on its way. The keeper wrote back that the oil had been on its way for three weeks. The
            letters were polite, and both of them kept copies.
            Visitors came in summer. They climbed the one hundred and twelve steps, looked at the lens, and
            asked the same questions: how far can the light be seen, how often does it turn, is it lonely.
            The keeper answered that the light could be seen for eighteen miles on a clear night, that it
            turned once every twenty seconds, and that it was not lonely, because the sea was never the same
            two evenings in a row. The visitors wrote their names in a small book by the door. The small
            book had a red cover, and the keeper read the names in winter, when nobody came.
            One winter the lens stopped turning. The clockwork had broken, and the keeper turned the lens by
            hand all night, twenty seconds for every turn, counting the seconds aloud. In the morning the
            keeper wrote in the log: lens turned by hand, eleven hours, no ships lost. The harbour master
            sent a new spring for the clockwork, and for once it came on time.
            """;

    /** Text the tokenizer never sees during training (same style, different sentences). */
    static final String HELD_OUT_TEXT = """
            The new keeper arrived in spring with two trunks and a cat. The old log was full, so the harbour
            master sent a new book with a blue cover. The new keeper wrote the weather in it every evening,
            and counted the steps on the way up, as the old keeper had done: one hundred and twelve.
            Summer visitors still asked whether the light was lonely. The cat, the new keeper said, did
            not think so.
            """;

    private BpeCompression() {
    }

    /** UTF-8 bytes of {@code text} per token of its encoding. */
    public static double bytesPerToken(Tokenizer tokenizer, String text) {
        return (double) text.getBytes(StandardCharsets.UTF_8).length / tokenizer.encode(text).length;
    }

    /**
     * Bytes per token for each vocabulary size: {@code result[0]} on the training text,
     * {@code result[1]} on the held-out text, entry i for vocabulary size {@code 256 + i*STEP}.
     */
    static double[][] curves() {
        int sizes = (MAX_VOCAB - 256) / STEP + 1;
        double[][] curves = new double[2][sizes];
        for (int i = 0; i < sizes; i++) {
            BpeTokenizer tokenizer = BpeTokenizer.train(TRAINING_TEXT, 256 + i * STEP);
            curves[0][i] = bytesPerToken(tokenizer, TRAINING_TEXT);
            curves[1][i] = bytesPerToken(tokenizer, HELD_OUT_TEXT);
        }
        return curves;
    }

    public static void main(String[] args) throws IOException {
        double[][] curves = curves();
        System.out.printf("training text %d bytes, held-out text %d bytes%n",
                TRAINING_TEXT.getBytes(StandardCharsets.UTF_8).length, HELD_OUT_TEXT.getBytes(StandardCharsets.UTF_8).length);
        System.out.println("vocab  merges  training bytes/token  held-out bytes/token");
        for (int i = 0; i < curves[0].length; i++) {
            int vocab = 256 + i * STEP;
            int merges = BpeTokenizer.train(TRAINING_TEXT, vocab).merges().size();
            System.out.printf(Locale.ROOT, "%5d  %6d  %20.2f  %20.2f%n", vocab, merges, curves[0][i], curves[1][i]);
        }
        if (args.length > 0) {
            Path png = Path.of(args[0]);
            Charts.writePng(Plot.lines(480, 240, List.of("training text", "held-out text"), curves[0], curves[1]), png);
            System.out.println("wrote " + png);
        }
    }
}
