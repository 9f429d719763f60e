package jgrad.data;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * MNIST (and Fashion-MNIST, which uses the same file names and format) from a directory of IDX files,
 * raw or gzipped: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (each optionally {@code .gz}).
 * Nothing is downloaded unless {@link #download} is called.
 *
 * <pre>{@code
 * Path dir = Mnist.defaultDirectory();
 * Mnist.download(dir, Mnist.DEFAULT_MIRROR);            // opt-in, verified by SHA-256
 * TensorDataset train = Mnist.load(dir, true);            // images (60000, 1, 28, 28) in [0, 1], labels int64
 * }</pre>
 */
public final class Mnist {
    private Mnist() {
    }

    /** The mirror torchvision uses; any URI with the four .gz files works (http, https or file). */
    public static final URI DEFAULT_MIRROR = URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/");

    /** SHA-256 of the four gzipped MNIST files. */
    static final Map<String, String> SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
            "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
            "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
            "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    /** {@code $JGRAD_DATA/mnist}, or {@code ~/.cache/jgrad/mnist}. */
    public static Path defaultDirectory() {
        String root = System.getenv("JGRAD_DATA");
        Path base = root != null ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache", "jgrad");
        return base.resolve("mnist");
    }

    /** Downloads the four files that are missing (or corrupt) into {@code directory}. */
    public static void download(Path directory, URI mirror) throws IOException {
        for (var file : SHA256.entrySet()) {
            Downloads.fetch(mirror.resolve(file.getKey()), directory.resolve(file.getKey()), file.getValue());
        }
    }

    /** True when both files of the split are present. */
    public static boolean isAvailable(Path directory, boolean train) {
        String prefix = train ? "train" : "t10k";
        return find(directory, prefix + "-images-idx3-ubyte") != null && find(directory, prefix + "-labels-idx1-ubyte") != null;
    }

    /** The training (60000) or test (10000) split: images float32 {@code (N, 1, H, W)} scaled to [0, 1], labels int64 {@code (N)}. */
    public static TensorDataset load(Path directory, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        Tensor images = Idx.read(require(directory, prefix + "-images-idx3-ubyte"), DType.FLOAT32);
        Tensor labels = Idx.read(require(directory, prefix + "-labels-idx1-ubyte"), DType.INT64);
        if (images.dim() != 3 || labels.dim() != 1 || images.size(0) != labels.size(0)) {
            throw new IOException("MNIST files in " + directory + " do not match: images " + Shape.format(images.shape())
                    + ", labels " + Shape.format(labels.shape()) + " (expected (N, H, W) and (N,))");
        }
        return new TensorDataset(images.div(255.0).unsqueeze(1), labels);
    }

    private static Path require(Path directory, String name) throws IOException {
        Path path = find(directory, name);
        if (path == null) {
            throw new IOException("MNIST file " + name + "(.gz) not found in " + directory
                    + "; call Mnist.download(directory, mirror) or copy the files there");
        }
        return path;
    }

    private static Path find(Path directory, String name) {
        for (Path candidate : new Path[] {directory.resolve(name), directory.resolve(name + ".gz")}) {
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return null;
    }
}
