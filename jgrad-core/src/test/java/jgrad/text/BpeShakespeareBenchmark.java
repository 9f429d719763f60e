package jgrad.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A manual benchmark, not a test: trains a 512-token byte-level BPE on a text file (by default
 * tinyshakespeare, which tests must not depend on) and reports training time, encoding speed and
 * compression. Run from the repository root:
 * <pre>
 * ./mvnw -q test-compile exec:exec -Dexec.classpathScope=test \
 *     -Djgrad.main=jgrad.text.BpeShakespeareBenchmark -Djgrad.args="../shared/data/tinyshakespeare.txt 512"
 * </pre>
 */
public final class BpeShakespeareBenchmark {
    private BpeShakespeareBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "../shared/data/tinyshakespeare.txt");
        int vocabSize = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        String text = Files.readString(path, StandardCharsets.UTF_8);
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("%s: %,d bytes, %,d pre-tokenized chunks%n", path, bytes, Gpt2PreTokenizer.split(text).size());

        for (int run = 1; run <= 3; run++) {                 // run 1 includes JIT warm-up
            long start = System.nanoTime();
            BpeTokenizer.train(text, vocabSize);
            System.out.printf("train to %d tokens, run %d: %.3f s%n", vocabSize, run, (System.nanoTime() - start) / 1e9);
        }
        BpeTokenizer tokenizer = BpeTokenizer.train(text, vocabSize);
        long start = System.nanoTime();
        int[] ids = tokenizer.encode(text);
        double encodeSeconds = (System.nanoTime() - start) / 1e9;
        boolean roundTrip = tokenizer.decode(ids).equals(text);
        System.out.printf("encode: %,d tokens in %.3f s (%.1f MB/s), %.3f bytes per token, decode(encode(text)) == text: %b%n",
                ids.length, encodeSeconds, bytes / encodeSeconds / 1e6, (double) bytes / ids.length, roundTrip);
        System.out.println("first merges: " + tokenizer.merges().subList(0, Math.min(10, tokenizer.merges().size())).stream()
                .map(m -> "'" + tokenizer.decode(m.result()).replace("\n", "\\n") + "'").toList());
    }
}
