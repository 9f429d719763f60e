package jgrad.data;

import jgrad.Tensor;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * CIFAR-10 in its binary format: 60,000 colour 32x32 pictures in 10 classes. Each record is
 * {@value #RECORD_BYTES} bytes: the label (0..9), then 1024 red, 1024 green and 1024 blue values,
 * each plane row-major. The training split is {@code data_batch_1.bin} .. {@code data_batch_5.bin}
 * (10,000 records each), the test split {@code test_batch.bin}.
 *
 * <p>Nothing is downloaded unless {@link #download} is called; it fetches the archive, checks its
 * SHA-256 and unpacks it ({@link TarArchive}).
 *
 * <pre>{@code
 * Path dir = Cifar10.defaultDirectory();
 * Cifar10.download(dir, Cifar10.DEFAULT_URL);            // opt-in: 170 MB, verified by SHA-256
 * TensorDataset train = Cifar10.load(dir, true);          // images (50000, 3, 32, 32) in [0, 1], labels int64
 * }</pre>
 */
public final class Cifar10 {
    private Cifar10() {
    }

    public static final int RECORD_BYTES = 1 + 3 * 32 * 32;
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    /** The authors' archive (cs.toronto.edu). */
    public static final URI DEFAULT_URL = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    /** SHA-256 of {@code cifar-10-binary.tar.gz} (170,052,171 bytes). */
    public static final String ARCHIVE_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";
    private static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    /** {@code $JGRAD_DATA/cifar-10}, or {@code ~/.cache/jgrad/cifar-10}. */
    public static Path defaultDirectory() {
        String root = System.getenv("JGRAD_DATA");
        Path base = root != null ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache", "jgrad");
        return base.resolve("cifar-10");
    }

    /**
     * Downloads the archive (unless a copy with the right SHA-256 is there) and unpacks its
     * {@code .bin} files into {@code directory}.
     */
    public static void download(Path directory, URI source) throws IOException {
        Path archive = Downloads.fetch(source, directory.resolve("cifar-10-binary.tar.gz"), ARCHIVE_SHA256);
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            TarArchive.extract(in, name -> name.startsWith(ARCHIVE_FOLDER + "/") && name.endsWith(".bin")
                    ? directory.resolve(name.substring(ARCHIVE_FOLDER.length() + 1)) : null);
        }
    }

    /** The file names of a split. */
    public static List<String> files(boolean train) {
        if (!train) {
            return List.of("test_batch.bin");
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 5; i++) names.add("data_batch_" + i + ".bin");
        return names;
    }

    public static boolean isAvailable(Path directory, boolean train) {
        return files(train).stream().allMatch(name -> Files.isRegularFile(directory.resolve(name)));
    }

    /** The training (50000) or test (10000) split: images float32 {@code (N, 3, 32, 32)} in [0, 1], labels int64 {@code (N)}. */
    public static TensorDataset load(Path directory, boolean train) throws IOException {
        List<Path> paths = files(train).stream().map(directory::resolve).toList();
        return read(paths);
    }

    /** Reads and concatenates binary-format files, checking that each holds whole records with labels 0..9. */
    public static TensorDataset read(List<Path> files) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        int records = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("CIFAR-10 file " + file + " not found; call Cifar10.download(directory, url) or copy "
                        + "the .bin files of cifar-10-binary.tar.gz there");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || bytes.length % RECORD_BYTES != 0) {
                throw new IOException("CIFAR-10 file " + file + " has " + bytes.length + " bytes, which is not a positive "
                        + "multiple of the record size " + RECORD_BYTES + " (1 label byte + 3072 pixel bytes)");
            }
            contents.add(bytes);
            records += bytes.length / RECORD_BYTES;
        }
        float[] pixels = new float[records * (RECORD_BYTES - 1)];
        long[] labels = new long[records];
        int record = 0;
        for (int f = 0; f < contents.size(); f++) {
            byte[] bytes = contents.get(f);
            for (int at = 0; at < bytes.length; at += RECORD_BYTES, record++) {
                int label = bytes[at] & 0xff;
                if (label > 9) {
                    throw new IOException("CIFAR-10 file " + files.get(f) + ": record " + at / RECORD_BYTES + " has label "
                            + label + " (expected 0..9)");
                }
                labels[record] = label;
                int base = record * (RECORD_BYTES - 1);
                for (int i = 1; i < RECORD_BYTES; i++) {
                    pixels[base + i - 1] = (bytes[at + i] & 0xff) / 255f;
                }
            }
        }
        return new TensorDataset(Tensor.of(pixels, records, 3, 32, 32), Tensor.of(labels));
    }
}
