package jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class PaddedSequencesTest {

    private static final List<int[]> SENTENCES = List.of(new int[] {5, 8, 2}, new int[] {7}, new int[] {3, 4});

    @Test
    void padFillsRowsToTheLongestAndTheMaskMarksRealSteps() {
        Tensor ids = PaddedSequences.pad(SENTENCES, 0);
        assertThat(ids.shape()).containsExactly(3, 3);
        assertThat(ids.toLongArray()).containsExactly(5, 8, 2, 7, 0, 0, 3, 4, 0);
        assertThat(PaddedSequences.lengths(SENTENCES)).containsExactly(3, 1, 2);
        Tensor keep = PaddedSequences.lengthMask(new int[] {3, 1, 2}, 3);
        assertThat(keep.toDoubleArray()).containsExactly(1, 1, 1, 1, 0, 0, 1, 1, 0);
    }

    @Test
    void reverseFlipsEachSequenceWithinItsLengthAndTwiceIsTheIdentity() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3, 1);
        int[] lengths = {3, 1, 2};
        assertThat(PaddedSequences.reverse(x, lengths).toDoubleArray()).containsExactly(3, 2, 1, 4, 5, 6, 8, 7, 9);
        assertThat(PaddedSequences.reverse(PaddedSequences.reverse(x, lengths), lengths).toDoubleArray()).containsExactly(x.toDoubleArray());
        assertThat(PaddedSequences.lastStep(x, lengths).toDoubleArray()).containsExactly(3, 4, 8);
        assertThat(PaddedSequences.zeroPadding(x, lengths).toDoubleArray()).containsExactly(1, 2, 3, 4, 0, 0, 7, 8, 0);
    }

    @Test
    void maskedPoolingIgnoresThePadding() {
        // padding holds the largest values: an unmasked max or mean would pick them up
        Tensor x = Tensor.of(new double[] {1, 5, 99, -2, 99, 99}, 2, 3, 1);
        Tensor keep = PaddedSequences.lengthMask(new int[] {2, 1}, 3).unsqueeze(-1);
        assertThat(PaddedSequences.maskedMax(x, keep, 1).toDoubleArray()).containsExactly(5, -2);
        assertThat(PaddedSequences.maskedMean(x, keep, 1).toDoubleArray()).containsExactly(3, -2);
    }

    @Test
    void lengthsThatDoNotFitAreNamed() {
        Tensor x = Tensor.zeros(2, 3, 4);
        assertThatThrownBy(() -> PaddedSequences.reverse(x, new int[] {3})).hasMessageContaining("B = 1").hasMessageContaining("(2, 3, 4)");
        assertThatThrownBy(() -> PaddedSequences.reverse(x, new int[] {3, 4})).hasMessageContaining("length 4 of sequence 1");
        assertThatThrownBy(() -> PaddedSequences.lastStep(x, new int[] {3, 0})).hasMessageContaining("sequence 1 is empty");
    }
}
