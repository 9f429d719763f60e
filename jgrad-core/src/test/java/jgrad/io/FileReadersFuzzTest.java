package jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.data.Cifar10;
import jgrad.data.Conll;
import jgrad.data.Fortunes;
import jgrad.data.Idx;
import jgrad.data.TarArchive;
import jgrad.models.BertConfig;
import jgrad.testing.FileFuzzer;
import jgrad.text.BertTokenizer;
import jgrad.text.BpeTokenizer;
import jgrad.text.CharTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of files in the library, fed seeded mutants of a valid file (see {@link FileFuzzer};
 * jgrad-course's readers are in its {@code CourseFileReadersFuzzTest}): each must
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

    @Test
    void cifar10Binary() throws IOException {
        byte[] records = new byte[3 * Cifar10.RECORD_BYTES];
        for (int r = 0; r < 3; r++) {
            records[r * Cifar10.RECORD_BYTES] = (byte) (r * 4);                 // labels 0, 4, 8
            for (int i = 1; i < Cifar10.RECORD_BYTES; i++) {
                records[r * Cifar10.RECORD_BYTES + i] = (byte) (i * 7 + r);
            }
        }
        Path file = directory.resolve("data_batch_1.bin");
        FileFuzzer.fuzz("Cifar10.read", records, SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            Cifar10.read(List.of(file));
        });
    }

    /** The archive reader behind Cifar10.download: sizes in a header must not be trusted before the bytes arrive. */
    @Test
    void tarArchive() throws IOException {
        var tar = new ByteArrayOutputStream();
        tarEntry(tar, "cifar-10-batches-bin/test_batch.bin", "0123456789".repeat(70).getBytes(StandardCharsets.US_ASCII));
        tarEntry(tar, "cifar-10-batches-bin/readme.html", "hello".getBytes(StandardCharsets.US_ASCII));
        tar.write(new byte[1024]);
        Path target = directory.resolve("extracted.bin");
        FileFuzzer.fuzz("TarArchive.extract", tar.toByteArray(), SEED, CASES, MILLIS,
                mutant -> TarArchive.extract(new ByteArrayInputStream(mutant), name -> target));
    }

    /** A 1.5 KB archive whose header claims an entry of almost 2 GiB: rejected without allocating it. */
    @Test
    void tarArchiveClaimingAHugeEntryIsRejectedBeforeAllocating() {
        var tar = new ByteArrayOutputStream();
        tarEntry(tar, "cifar-10-batches-bin/test_batch.bin", new byte[10]);
        byte[] bytes = tar.toByteArray();
        byte[] size = String.format("%011o", Integer.MAX_VALUE - 16).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, bytes, 124, size.length);
        int sum = 0;
        java.util.Arrays.fill(bytes, 148, 156, (byte) ' ');
        for (int i = 0; i < 512; i++) {
            sum += bytes[i] & 0xff;
        }
        System.arraycopy(String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII), 0, bytes, 148, 6);
        var result = jgrad.testing.Allocations.measure(() -> TarArchive.extract(new ByteArrayInputStream(bytes),
                name -> directory.resolve("x.bin")));
        assertThat(result.thrown()).isInstanceOf(IOException.class).hasMessageContaining("ends inside entry");
        assertThat(result.bytes()).as("bytes allocated").isLessThan(16L << 20);
    }

    @Test
    void conll() throws IOException {
        Path file = directory.resolve("train.conll");
        Conll.write(file, List.of(new Conll.Sentence(List.of("EU", "rejects", "German", "call"), List.of("B-ORG", "O", "B-MISC", "O")),
                new Conll.Sentence(List.of("Peter", "Blackburn"), List.of("B-PER", "I-PER"))));
        FileFuzzer.fuzz("Conll.read", Files.readAllBytes(file), SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            Conll.read(file);
        });
    }

    @Test
    void fortunes() throws IOException {
        Path file = directory.resolve("computers");
        byte[] valid = "Real programmers don't comment their code.\n%\nThere is no place like 127.0.0.1\n%\nA bug\n\tin two lines.\n%\n"
                .getBytes(StandardCharsets.UTF_8);
        FileFuzzer.fuzz("Fortunes.load", valid, SEED, CASES, MILLIS, mutant -> {
            Files.write(file, mutant);
            Fortunes.load(directory, "computers");
        });
    }

    @Test
    void bertVocabularyAndConfig() throws IOException {
        Path vocab = directory.resolve("vocab.txt");
        byte[] tokens = String.join("\n", "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "##s", "sat", ".", "\n")
                .getBytes(StandardCharsets.UTF_8);
        FileFuzzer.fuzz("BertTokenizer.fromVocabFile", tokens, SEED, CASES, MILLIS, mutant -> {
            Files.write(vocab, mutant);
            BertTokenizer.fromVocabFile(vocab, true).encode("The cats sat.");
        });
        Path config = directory.resolve("config.json");
        BertConfig.small(30, 16, 2, 2, 64, 0.1).save(config);
        FileFuzzer.fuzz("BertConfig.fromJson", Files.readAllBytes(config), SEED, CASES, MILLIS, mutant -> {
            Files.write(config, mutant);
            BertConfig.fromJson(config);
        });
    }

    /** A ustar header (name, mode, size in octal, checksum) and the content padded to 512 bytes. */
    private static void tarEntry(ByteArrayOutputStream out, String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
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
