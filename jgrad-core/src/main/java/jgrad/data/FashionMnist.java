package jgrad.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST (Zalando): 70,000 grey 28x28 pictures of clothes in 10 classes, in MNIST's IDX
 * format and file names, so {@link Mnist#load} reads it. Nothing is downloaded: the Debian package
 * {@code dataset-fashion-mnist} installs the files in {@value #DEBIAN_DIRECTORY}, or copy them to
 * {@code $JGRAD_DATA/fashion-mnist}.
 *
 * <pre>{@code
 * Path dir = FashionMnist.findDirectory().orElseThrow();
 * TensorDataset train = FashionMnist.load(dir, true);      // (60000, 1, 28, 28) in [0, 1], labels int64
 * }</pre>
 */
public final class FashionMnist {
    private FashionMnist() {
    }

    /** Where {@code apt-get install dataset-fashion-mnist} puts the four gzipped IDX files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** Class names by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The places looked in, in order: {@code $JGRAD_DATA/fashion-mnist}, the Debian package's directory, {@code ~/.cache/jgrad/fashion-mnist}. */
    public static List<Path> candidateDirectories() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getenv("JGRAD_DATA");
        if (root != null) {
            candidates.add(Path.of(root, "fashion-mnist"));
        }
        candidates.add(Path.of(DEBIAN_DIRECTORY));
        candidates.add(Path.of(System.getProperty("user.home"), ".cache", "jgrad", "fashion-mnist"));
        return candidates;
    }

    /** The first candidate directory that holds both splits, if any. */
    public static java.util.Optional<Path> findDirectory() {
        return candidateDirectories().stream()
                .filter(dir -> Mnist.isAvailable(dir, true) && Mnist.isAvailable(dir, false))
                .findFirst();
    }

    /** The training (60000) or test (10000) split, as {@link Mnist#load}. */
    public static TensorDataset load(Path directory, boolean train) throws IOException {
        return Mnist.load(directory, train);
    }

    /** The split from {@link #findDirectory()}, or an IOException that lists where it looked. */
    public static TensorDataset load(boolean train) throws IOException {
        Path directory = findDirectory().orElseThrow(() -> new IOException("Fashion-MNIST not found in any of "
                + candidateDirectories() + "; install it with `apt-get install dataset-fashion-mnist` or copy the four "
                + "IDX files to $JGRAD_DATA/fashion-mnist"));
        return load(directory, train);
    }
}
