package jgrad.nn.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.MultiheadAttention;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The two bool-mask conventions: scaledDotProductAttention reads true as "may attend", MultiheadAttention
 * reads true as "blocked". AttentionMask carries its convention; wrong masks are refused with a message that
 * names the convention the method expects.
 */
class AttentionMaskConventionsTest {
    private final Tensor q = Tensor.randn(new Random(1), DType.FLOAT64, 2, 3, 4);    // (B, L, E)
    private final Tensor k = Tensor.randn(new Random(2), DType.FLOAT64, 2, 5, 4);    // (B, S, E)
    private final Tensor v = Tensor.randn(new Random(3), DType.FLOAT64, 2, 5, 6);    // (B, S, Ev)

    /** Key 1 and key 4 blocked for every query (L, S) = (3, 5). */
    private static Tensor blockedKeys() {
        boolean[] blocked = new boolean[15];
        for (int i = 0; i < 3; i++) {
            blocked[i * 5 + 1] = true;
            blocked[i * 5 + 4] = true;
        }
        return Tensor.of(blocked, 3, 5);
    }

    private static Tensor not(Tensor mask) {
        return mask.eq(Tensor.of(new boolean[] {false}));
    }

    @Test
    void anAttentionMaskGivesEachApiItsOwnConvention() {
        Tensor blocked = blockedKeys();
        Tensor viaHelper = F.scaledDotProductAttention(q, k, v, AttentionMask.blocked(blocked), 0.0, new SplittableRandom(0));
        Tensor viaRaw = F.scaledDotProductAttention(q, k, v, not(blocked), 0.0, false);
        assertThat(viaHelper.toDoubleArray()).containsExactly(viaRaw.toDoubleArray());
        assertThat(F.scaledDotProductAttention(q, k, v, AttentionMask.mayAttend(not(blocked)), 0.0, new SplittableRandom(0))
                .toDoubleArray()).containsExactly(viaRaw.toDoubleArray());
        assertThat(F.scaledDotProductAttention(q, k, v, blocked, 0.0, false).toDoubleArray())
                .as("the raw blocked mask given to SDPA means the opposite").isNotEqualTo(viaRaw.toDoubleArray());
        assertThat(AttentionMask.blocked(blocked).blockedMask().toDoubleArray()).containsExactly(blocked.toDoubleArray());

        // Blocking keys 1 and 4 with each API's own convention: the keys left are 0, 2, 3 in both, so the
        // output equals attention over just those keys.
        Tensor kept = Tensor.of(new long[] {0, 2, 3});
        Tensor onlyKept = F.scaledDotProductAttention(q, k.indexSelect(1, kept), v.indexSelect(1, kept), null, 0.0, false);
        assertThat(viaRaw.toDoubleArray()).containsExactly(onlyKept.toDoubleArray(), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void multiheadAttentionReadsTheBlockedFormOfTheSameMask() {
        var mha = new MultiheadAttention(4, 1, 0.0, true, true, new SplittableRandom(4));
        Tensor x = Tensor.randn(new Random(5), DType.FLOAT64, 2, 5, 4);
        var causal = AttentionMask.causal(5, 5);
        Tensor masked = mha.forward(x, x, x, null, false, causal.blockedMask(), true).output();
        Tensor isCausal = mha.forward(x, x, x, null, false, Attention.causalMask(5, 5), true).output();
        assertThat(masked.toDoubleArray()).containsExactly(isCausal.toDoubleArray());
        assertThat(F.scaledDotProductAttention(q, k, v, AttentionMask.causal(3, 5), 0.0, new SplittableRandom(0)).toDoubleArray())
                .containsExactly(F.scaledDotProductAttention(q, k, v, null, 0.0, true).toDoubleArray());
    }

    @Test
    void aMaskOfTheWrongDtypeOrShapeIsRefusedNamingTheExpectedConvention() {
        Tensor integers = Tensor.zeros(DType.INT64, 3, 5);
        assertThatThrownBy(() -> F.scaledDotProductAttention(q, k, v, integers, 0.0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scaledDotProductAttention: attnMask").hasMessageContaining("true = may attend");
        assertThatThrownBy(() -> F.scaledDotProductAttention(q, k, v, Tensor.zeros(DType.BOOL, 5, 3), 0.0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("true = may attend").hasMessageContaining("(5, 3)").hasMessageContaining("(2, 3, 5)");

        var mha = new MultiheadAttention(4, 2, 0.0, true, true, new SplittableRandom(6));
        Tensor x = Tensor.randn(new Random(7), DType.FLOAT64, 2, 5, 4);
        assertThatThrownBy(() -> mha.forward(x, x, x, Tensor.zeros(DType.INT64, 2, 5), false, null, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MultiheadAttention: keyPaddingMask").hasMessageContaining("true = blocked");
        assertThatThrownBy(() -> mha.forward(x, x, x, null, false, Tensor.zeros(DType.BOOL, 4, 5), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MultiheadAttention: attnMask").hasMessageContaining("true = blocked")
                .hasMessageContaining("(4, 5)");
        assertThatThrownBy(() -> AttentionMask.blocked(Tensor.zeros(DType.FLOAT64, 3, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bool");
    }
}
