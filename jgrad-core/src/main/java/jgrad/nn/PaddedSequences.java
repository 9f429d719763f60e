package jgrad.nn;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Batches of sequences of different lengths: pad them to one length, remember each length, and
 * keep the padding out of every result. This is jgrad's counterpart of PyTorch's
 * {@code torch.nn.utils.rnn} ({@code pad_sequence}, {@code pack_padded_sequence}): instead of a
 * packed format, the layers take the padded batch plus {@code lengths} and use the helpers here.
 *
 * <pre>{@code
 * List<int[]> sentences = List.of(new int[] {5, 8, 2}, new int[] {7});
 * Tensor ids = PaddedSequences.pad(sentences, 0);            // (2, 3) int64: [[5, 8, 2], [7, 0, 0]]
 * int[] lengths = PaddedSequences.lengths(sentences);        // [3, 1]
 * Tensor keep = PaddedSequences.lengthMask(lengths, 3);      // (2, 3) bool: [[T, T, T], [T, F, F]]
 * Tensor mean = PaddedSequences.maskedMean(embedded, keep.unsqueeze(-1), 1);   // (2, E), padding left out
 * }</pre>
 *
 * <p>All sequence tensors are batch first: {@code (B, T, *)}.
 */
public final class PaddedSequences {
    private PaddedSequences() {
    }

    /** The sequences as rows of an int64 {@code (B, T)} tensor, {@code T} the longest length (at least 1), filled with {@code padValue}. */
    public static Tensor pad(List<int[]> sequences, long padValue) {
        return pad(sequences, padValue, 1);
    }

    /** {@link #pad(List, long)} to at least {@code minLength} columns (e.g. the widest filter of a TextCNN). */
    public static Tensor pad(List<int[]> sequences, long padValue, int minLength) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("PaddedSequences.pad: no sequences");
        }
        int longest = Math.max(minLength, Arrays.stream(lengths(sequences)).max().orElse(1));
        long[] ids = new long[sequences.size() * longest];
        Arrays.fill(ids, padValue);
        for (int b = 0; b < sequences.size(); b++) {
            int[] sequence = sequences.get(b);
            for (int t = 0; t < sequence.length; t++) {
                ids[b * longest + t] = sequence[t];
            }
        }
        return Tensor.of(ids, sequences.size(), longest);
    }

    /** The length of each sequence. */
    public static int[] lengths(List<int[]> sequences) {
        return sequences.stream().mapToInt(sequence -> sequence.length).toArray();
    }

    /**
     * The lengths of the rows of an int64 {@code (B, T)} batch padded with {@code padValue} at the end:
     * the position of each row's first {@code padValue}, or {@code T}.
     */
    public static int[] lengthsOf(Tensor ids, long padValue) {
        if (ids.dim() != 2) {
            throw new IllegalArgumentException("PaddedSequences.lengthsOf: expected ids (B, T), got " + Shape.format(ids.shape()));
        }
        long[] values = ids.toLongArray();
        int steps = ids.size(1);
        int[] lengths = new int[ids.size(0)];
        for (int b = 0; b < lengths.length; b++) {
            int length = 0;
            while (length < steps && values[b * steps + length] != padValue) length++;
            lengths[b] = length;
        }
        return lengths;
    }

    /** A bool {@code (B, T)} tensor, true at the real steps {@code t < lengths[b]} and false on the padding. */
    public static Tensor lengthMask(int[] lengths, int maxLength) {
        checkLengths("lengthMask", lengths, maxLength);
        boolean[] keep = new boolean[lengths.length * maxLength];
        for (int b = 0; b < lengths.length; b++) {
            Arrays.fill(keep, b * maxLength, b * maxLength + lengths[b], true);
        }
        return Tensor.of(keep, lengths.length, maxLength);
    }

    /**
     * Each sequence of {@code x (B, T, *)} reversed within its own length, the padding left where it
     * is: row {@code b} becomes {@code x[b, len-1], ..., x[b, 0], pad...}. Applied twice it is the
     * identity. A backward-running RNN reads the reversed batch, so it starts at each sequence's real
     * last step rather than on padding (what packed sequences achieve in PyTorch).
     */
    public static Tensor reverse(Tensor x, int[] lengths) {
        int[] rows = rowIndex("reverse", x, lengths);
        int steps = x.size(1);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                rows[b * steps + t] = b * steps + lengths[b] - 1 - t;
            }
        }
        return selectRows(x, rows, x.shape());
    }

    /** The last real step of each sequence: {@code x[b, lengths[b] - 1]}, shape {@code (B, *)}. */
    public static Tensor lastStep(Tensor x, int[] lengths) {
        rowIndex("lastStep", x, lengths);
        int steps = x.size(1);
        int[] rows = new int[lengths.length];
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 1) {
                throw new IllegalArgumentException("PaddedSequences.lastStep: sequence " + b + " is empty");
            }
            rows[b] = b * steps + lengths[b] - 1;
        }
        int[] shape = new int[x.dim() - 1];
        shape[0] = x.size(0);
        System.arraycopy(x.shape(), 2, shape, 1, x.dim() - 2);
        return selectRows(x, rows, shape);
    }

    /**
     * The maximum over {@code dim} of the elements where {@code keep} (bool, broadcastable to x) is
     * true; the gradient goes only to the winners. Every slice must keep at least one element.
     * Max-over-time pooling of a padded batch: {@code maskedMax(h, keep.unsqueeze(-1), 1)}.
     */
    public static Tensor maskedMax(Tensor x, Tensor keep, int dim) {
        checkKeep("maskedMax", x, keep);
        return Tensor.where(keep, x, Tensor.scalar(Double.NEGATIVE_INFINITY, x.dtype())).max(dim, false).values();
    }

    /** The mean over {@code dim} of the elements where {@code keep} is true: {@code sum(x * keep) / sum(keep)}. */
    public static Tensor maskedMean(Tensor x, Tensor keep, int dim) {
        checkKeep("maskedMean", x, keep);
        Tensor weights = keep.to(x.dtype());
        Tensor counts = weights.expand(Shape.broadcast("maskedMean", x.shape(), keep.shape())).sum(dim, false);
        return x.mul(weights).sum(dim, false).div(counts.clamp(1, Double.POSITIVE_INFINITY));
    }

    /** Zeros on the padding of {@code x (B, T, *)}, the values elsewhere. */
    public static Tensor zeroPadding(Tensor x, int[] lengths) {
        rowIndex("zeroPadding", x, lengths);
        Tensor keep = lengthMask(lengths, x.size(1));
        int[] shape = new int[x.dim()];
        Arrays.fill(shape, 1);
        shape[0] = x.size(0);
        shape[1] = x.size(1);
        return x.mul(keep.reshape(shape).to(x.dtype()));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /** Checks {@code x (B, T, *)} against the lengths and returns the identity row map {@code b * T + t}. */
    private static int[] rowIndex(String op, Tensor x, int[] lengths) {
        if (x.dim() < 2 || x.size(0) != lengths.length) {
            throw new IllegalArgumentException("PaddedSequences." + op + ": expected x (B, T, *) with B = "
                    + lengths.length + " lengths, got " + Shape.format(x.shape()));
        }
        checkLengths(op, lengths, x.size(1));
        int[] rows = new int[x.size(0) * x.size(1)];
        Arrays.setAll(rows, i -> i);
        return rows;
    }

    private static void checkLengths(String op, int[] lengths, int maxLength) {
        for (int b = 0; b < lengths.length; b++) {
            if (lengths[b] < 0 || lengths[b] > maxLength) {
                throw new IllegalArgumentException("PaddedSequences." + op + ": length " + lengths[b] + " of sequence "
                        + b + " is outside [0, " + maxLength + "]");
            }
        }
    }

    private static void checkKeep(String op, Tensor x, Tensor keep) {
        if (keep.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("PaddedSequences." + op + ": keep must be a bool mask, got " + keep.dtype());
        }
        Shape.broadcast("PaddedSequences." + op, x.shape(), keep.shape());
    }

    /** Rows {@code rows} of {@code x} viewed as {@code (B * T, rest)}, reshaped to {@code shape}. */
    private static Tensor selectRows(Tensor x, int[] rows, int[] shape) {
        int rest = x.numel() / Math.max(1, x.size(0) * x.size(1));
        long[] index = Arrays.stream(rows).asLongStream().toArray();
        return x.reshape(x.size(0) * x.size(1), rest).indexSelect(0, Tensor.of(index)).reshape(shape);
    }
}
