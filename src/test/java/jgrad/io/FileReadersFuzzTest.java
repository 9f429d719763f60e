package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.data.Idx;
import jgrad.testing.FileFuzzer;
import jgrad.text.BpeTokenizer;
import jgrad.text.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of files, fed seeded mutants of a valid file (see {@link FileFuzzer}): each must
 * accept a mutant or reject it with a clear IOException/IllegalArgumentException, and never
 * allocate far beyond what the file's bytes justify. Each reader gets {@value #CASES} cases or
 * {@value #MILLIS} ms, whichever ends first; a failure names the case and seed to replay.
 */
class FileReadersFuzzTest {
    private static final int CASES = 300;
    private static final long MILLIS = 600;
    private static final long SEED = 15;

    @TempDir
    Path directory;

    @Test
    void idxRawAndGzipped() throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, 0x08, 3});
        out.writeInt(2);
        out.writeInt(3);
        out.writeInt(4);
        for (int i = 0; i < 24; i++) {
            out.writeByte(i * 10);
        }
        Path file = directory.resolve("images.idx");
        FileFuzzer.fuzz("Idx.read (raw)", bytes.toByteArray(), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            Idx.read(file, DType.FLOAT32);
        });
        FileFuzzer.fuzz("Idx.read (gzip of a mutant)", bytes.toByteArray(), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, gzip(mutant));
            Idx.read(file, DType.FLOAT64);
        });
        FileFuzzer.fuzz("Idx.read (mutated gzip)", gzip(bytes.toByteArray()), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            Idx.read(file, DType.INT64);
        });
    }

    @Test
    void safetensors() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("weight", Tensor.arange(0.0, 6.0, 1.0).reshape(2, 3));
        tensors.put("steps", Tensor.arange(4));
        byte[] valid = Safetensors.toBytes(tensors, Map.of("format", "pt"));
        Path file = directory.resolve("model.safetensors");
        FileFuzzer.fuzz("Safetensors.read", valid, SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            Safetensors.read(file);
        });
    }

    @Test
    void json() {
        String valid = "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"x = 1\\n\"], \"outputs\": []}],"
                + " \"metadata\": {\"n\": 12345, \"pi\": 3.25e0, \"ok\": true, \"none\": null}, \"nbformat\": 4}";
        FileFuzzer.fuzz("Json.parse", valid.getBytes(StandardCharsets.UTF_8), SEED, CASES, MILLIS,
                mutant -> Json.parse(new String(mutant, StandardCharsets.UTF_8)));
    }

    @Test
    void charTokenizer() throws IOException {
        Path file = directory.resolve("chars.txt");
        CharTokenizer.fromText("To be, or not to be 😀\n", '?').save(file);
        FileFuzzer.fuzz("CharTokenizer.load", Files.readAllBytes(file), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            CharTokenizer.load(file);
        });
    }

    @Test
    void bpeTokenizer() throws IOException {
        Path file = directory.resolve("bpe.txt");
        BpeTokenizer.train("aaabdaaabac abracadabra", 262).withSpecialTokens(BpeTokenizer.ENDOFTEXT).save(file);
        FileFuzzer.fuzz("BpeTokenizer.load", Files.readAllBytes(file), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            BpeTokenizer.load(file);
        });
    }

    @Test
    void gpt2VocabularyAndMerges() throws IOException, URISyntaxException {
        byte[] vocab = Files.readAllBytes(resource("tiny-gpt2-vocab.json"));
        byte[] merges = Files.readAllBytes(resource("tiny-gpt2-merges.txt"));
        Path vocabFile = directory.resolve("vocab.json");
        Path mergesFile = directory.resolve("merges.txt");
        int run = FileFuzzer.fuzz("BpeTokenizer.fromGpt2Files (vocab.json)", vocab, SEED, CASES, MILLIS, mutant -> {
            Files.write(vocabFile, mutant);
            Files.write(mergesFile, merges);
            BpeTokenizer.fromGpt2Files(vocabFile, mergesFile);
        });
        run += FileFuzzer.fuzz("BpeTokenizer.fromGpt2Files (merges.txt)", merges, SEED, CASES, MILLIS, mutant -> {
            Files.write(vocabFile, vocab);
            Files.write(mergesFile, mutant);
            BpeTokenizer.fromGpt2Files(vocabFile, mergesFile);
        });
        assertThat(run).as("cases run").isPositive();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(FileReadersFuzzTest.class.getResource("/jgrad/text/" + name).toURI());
    }

    private static byte[] gzip(byte[] bytes) {
        var compressed = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
