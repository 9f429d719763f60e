package jgrad.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries for tensor shapes.
 *
 * <p>Ranks run 0..4 and sizes 0..4, with size 1 drawn most often: size-1 dims are where
 * broadcasting, squeezing and reductions go wrong. Shapes are kept to at most {@value #MAX_NUMEL}
 * elements so that a gradient check (two forward passes per element) stays fast.
 */
public final class Shapes {
    private Shapes() {
    }

    public static final int MAX_NUMEL = 64;
    public static final int MAX_RANK = 4;

    /** Shapes of rank 0..4 whose sizes are at least {@code minSize} (0 allows empty tensors). */
    public static Arbitrary<int[]> shapes(int minSize) {
        return shapes(0, MAX_RANK, minSize);
    }

    /** Shapes of rank {@code minRank..maxRank} whose sizes are at least {@code minSize}. */
    public static Arbitrary<int[]> shapes(int minRank, int maxRank, int minSize) {
        return sizes(minSize).list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(Shapes::toArray)
                .filter(shape -> numel(shape) <= MAX_NUMEL);
    }

    /** One dim's size: 1 most often, then 2 and 3, then 4, rarely 0 (empty tensors must work too). */
    public static Arbitrary<Integer> sizes(int minSize) {
        var weighted = List.of(Tuple.of(1, 0), Tuple.of(5, 1), Tuple.of(3, 2), Tuple.of(3, 3), Tuple.of(2, 4));
        return Arbitraries.frequency(weighted.stream().filter(t -> t.get2() >= minSize).toList());
    }

    /**
     * Two shapes that broadcast together: a common result shape, from which each operand drops some
     * leading dims and turns some of the rest into size 1 — independently, so size-1 dims and missing
     * dims appear on either side (or both).
     */
    public static Arbitrary<ShapePair> broadcastPairs() {
        return shapes(0).flatMap(result -> Combinators.combine(operandOf(result), operandOf(result))
                .as(ShapePair::new));
    }

    /** Like {@link #broadcastPairs()}, with result shapes of rank {@code 0..maxRank} and sizes at least {@code minSize}. */
    public static Arbitrary<ShapePair> broadcastPairs(int maxRank, int minSize) {
        return shapes(0, maxRank, minSize).flatMap(result -> Combinators.combine(operandOf(result), operandOf(result))
                .as(ShapePair::new));
    }

    /**
     * A random shape with the same number of elements as {@code shape}: its prime factors shuffled
     * into up to four dims, with size-1 dims sprinkled in and, half the time, one size given as -1
     * (inferred). Empty shapes map to empty shapes.
     */
    public static int[] randomReshape(Random random, int[] shape) {
        int n = numel(shape);
        List<Integer> sizes = new ArrayList<>();
        if (n == 0) {
            sizes.add(0);
            sizes.add(1 + random.nextInt(3));
        } else {
            List<Integer> factors = new ArrayList<>();
            for (int rest = n, p = 2; rest > 1; p++) {
                while (rest % p == 0) {
                    factors.add(p);
                    rest /= p;
                }
            }
            Collections.shuffle(factors, random);
            int rank = Math.min(factors.size(), 1 + random.nextInt(MAX_RANK));
            for (int d = 0; d < rank; d++) {
                sizes.add(1);
            }
            for (int i = 0; i < factors.size(); i++) {
                int d = i < rank ? i : random.nextInt(rank);
                sizes.set(d, sizes.get(d) * factors.get(i));
            }
            while (sizes.size() < MAX_RANK && random.nextInt(3) == 0) {
                sizes.add(random.nextInt(sizes.size() + 1), 1);
            }
        }
        int[] out = toArray(sizes);
        if (n > 0 && out.length > 0 && random.nextBoolean()) {
            out[random.nextInt(out.length)] = -1;
        }
        return out;
    }

    /** A shape that broadcasts to {@code result}: some leading dims dropped, about a third of the rest set to 1. */
    public static Arbitrary<int[]> operandOf(int[] result) {
        int rank = result.length;
        Arbitrary<Integer> dropped = Arbitraries.integers().between(0, rank);
        Arbitrary<List<Boolean>> becomesOne = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(2, false)).list().ofSize(rank);
        return Combinators.combine(dropped, becomesOne).as((drop, ones) -> {
            int[] operand = Arrays.copyOfRange(result, drop, rank);
            for (int d = 0; d < operand.length; d++) {
                if (ones.get(d + drop)) {
                    operand[d] = 1;
                }
            }
            return operand;
        });
    }

    /** Two shapes and the result of broadcasting them; printed readably in jqwik's reports. */
    public record ShapePair(int[] a, int[] b) {
        @Override
        public String toString() {
            return Arrays.toString(a) + " with " + Arrays.toString(b);
        }
    }

    /**
     * A random dim of a tensor of rank {@code rank}, negative (counted from the end) half the time.
     * A 0-dim tensor accepts dim 0 and -1, as in PyTorch.
     */
    public static int randomDim(Random random, int rank) {
        int dims = Math.max(rank, 1);
        int dim = random.nextInt(dims);
        return random.nextBoolean() ? dim - dims : dim;
    }

    /** A random non-empty set of distinct dims, in random order, each negative half the time. */
    public static int[] randomDims(Random random, int rank) {
        int[] order = permutation(random, rank);
        int count = 1 + random.nextInt(rank);
        int[] dims = Arrays.copyOf(order, count);
        for (int i = 0; i < count; i++) {
            if (random.nextBoolean()) {
                dims[i] -= rank;
            }
        }
        return dims;
    }

    /** A uniformly random permutation of {@code 0..n-1}. */
    public static int[] permutation(Random random, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = perm[i];
            perm[i] = perm[j];
            perm[j] = swap;
        }
        return perm;
    }

    public static int numel(int[] shape) {
        int n = 1;
        for (int size : shape) {
            n *= size;
        }
        return n;
    }

    private static int[] toArray(List<Integer> sizes) {
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }
}
