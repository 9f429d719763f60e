package jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reads the real Fashion-MNIST files where the Debian package (or $JGRAD_DATA) put them; skips when absent. */
class FashionMnistTest {

    @Test
    void debianLocationIsACandidate() {
        assertThat(FashionMnist.candidateDirectories()).contains(Path.of(FashionMnist.DEBIAN_DIRECTORY));
        assertThat(FashionMnist.CLASSES).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }

    @Test
    void testSplitHasAThousandImagesOfEachClass() throws IOException {
        assumeTrue(FashionMnist.findDirectory().isPresent(),
                "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist, or $JGRAD_DATA/fashion-mnist)");
        TensorDataset test = FashionMnist.load(false);
        assertThat(test.inputs().shape()).containsExactly(10000, 1, 28, 28);
        long[] counts = new long[10];
        for (long label : test.targets().toLongArray()) counts[(int) label]++;
        assertThat(counts).containsOnly(1000L);
        double mean = test.inputs().mean().item();
        assertThat(mean).as("mean pixel of the test split (the training split's is 0.2860)").isBetween(0.27, 0.30);
        assertThat(test.inputs().max().item()).isLessThanOrEqualTo(1.0);
    }
}
