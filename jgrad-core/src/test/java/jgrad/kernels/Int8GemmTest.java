package jgrad.kernels;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The vector int8 kernel against the reference loop. Integer sums are exact, so they must agree
 * bit for bit. Run it under AVX2 as well (8 int lanes instead of 16):
 * {@code ./mvnw -q -o test -Dtest=Int8GemmTest -Djgrad.jvm.flags="--add-modules jdk.incubator.vector -XX:UseAVX=2"}.
 */
class Int8GemmTest {

    private static byte[] randomBytes(SplittableRandom random, int n, int low, int high) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) random.nextInt(low, high + 1);
        }
        return out;
    }

    @Property(tries = 60)
    void vectorKernelEqualsTheReferenceExactly(@ForAll @IntRange(min = 1, max = 13) int m, @ForAll @IntRange(min = 1, max = 9) int n,
                                               @ForAll @IntRange(min = 1, max = 70) int k, @ForAll long seed) {
        var random = new SplittableRandom(seed);
        byte[] a = randomBytes(random, m * k, -127, 127);
        byte[] b = randomBytes(random, n * k, -127, 127);
        int[] expected = new int[m * n];
        int[] actual = new int[m * n];
        Int8Gemm.reference(a, b, expected, m, n, k);
        Int8Gemm.matmul(a, b, actual, m, n, k);
        assertThat(actual).as("C (%d, %d), K %d", m, n, k).containsExactly(expected);
    }

    @Test
    void largeExtremeValuesAccumulateWithoutOverflowAndOverThreads() {
        int m = 37, n = 64, k = 1500;
        var random = new SplittableRandom(1);
        byte[] a = randomBytes(random, m * k, 126, 127);
        byte[] b = randomBytes(random, n * k, -127, -126);
        int[] expected = new int[m * n];
        int[] actual = new int[m * n];
        Int8Gemm.reference(a, b, expected, m, n, k);
        Int8Gemm.matmul(a, b, actual, m, n, k);
        assertThat(actual).containsExactly(expected);
        assertThat(expected[0]).as("about -127*127*1500, far past int16").isLessThan(-22_000_000);
    }

    @Test
    void theReferenceIsTheDefinitionOnAHandExample() {
        byte[] a = {1, 2, 3, -4, 5, -6};           // (2, 3)
        byte[] b = {7, 8, 9, -1, 0, 1};            // (2, 3)
        int[] c = new int[4];
        Int8Gemm.reference(a, b, c, 2, 2, 3);
        assertThat(c).containsExactly(1 * 7 + 2 * 8 + 3 * 9, -1 + 3, -4 * 7 + 5 * 8 - 6 * 9, 4 - 6);
    }

    @Test
    void arraysTooShortForTheShapesAreRefusedWithTheShapes() {
        assertThatThrownBy(() -> Int8Gemm.matmul(new byte[5], new byte[6], new int[4], 2, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Int8Gemm: C (2, 2) = A (2, 3) · B (2, 3)ᵀ").hasMessageContaining("got 5, 6 and 4");
    }
}
