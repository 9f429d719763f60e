package jgrad.vision.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jgrad.data.FashionMnist;
import org.junit.jupiter.api.Test;

/**
 * A narrow W3 CNN (widths 8, 16, 32) trained for two epochs on the first 3,000 training images of the
 * real Fashion-MNIST must classify 1,000 held-out test images well above chance (10%; a dev run
 * reached about 0.7).
 * Skips when the data set is not installed.
 */
class FashionMnistTrainingTest {

    @Test
    void narrowCnnLearnsFashionMnist() throws Exception {
        assumeTrue(FashionMnist.findDirectory().isPresent(), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        var config = new FashionMnistClassifier("cnn", 8, 2, 3000, 1000, 64, 3e-3, false, 1);
        var result = config.train(null, null);
        assertThat(result.test().accuracy()).as("held-out accuracy of %s", config).isGreaterThan(0.65);
    }
}
