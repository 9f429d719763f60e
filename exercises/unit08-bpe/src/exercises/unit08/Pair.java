package exercises.unit08;

/**
 * Two adjacent token ids, {@code left} then {@code right}. Given: you do not need to change it.
 *
 * <p>Pairs are ordered by left id, then right id; training uses this order to break ties between
 * equally frequent pairs, as {@code jgrad.text.BpeTokenizer.train} does.
 */
public record Pair(int left, int right) implements Comparable<Pair> {
    @Override
    public int compareTo(Pair other) {
        return left != other.left ? Integer.compare(left, other.left) : Integer.compare(right, other.right);
    }
}
