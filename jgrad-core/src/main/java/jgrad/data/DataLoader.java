package jgrad.data;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Iterates over a dataset in batches, PyTorch's {@code DataLoader}: one pass of {@code for (Example
 * batch : loader)} is one epoch.
 *
 * <pre>{@code
 * var loader = new DataLoader(train, 64, true, 42);       // shuffled, reproducible for seed 42
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (Example batch : loader) { ... batch.input() ... batch.target() ... }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>With {@code shuffle}, every epoch visits the examples in a new random order; the sequence of
 *       orders is fixed by the seed.</li>
 *   <li>With {@code dropLast}, a final batch smaller than batchSize is skipped.</li>
 *   <li>With {@code prefetch > 0}, a background thread assembles up to that many batches ahead, so
 *       collation overlaps with training. The batches are the same either way.</li>
 * </ul>
 */
public final class DataLoader implements Iterable<Example> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final int prefetch;
    private final SplittableRandom random;

    /** In order, no prefetching, last partial batch kept. */
    public DataLoader(Dataset dataset, int batchSize) {
        this(dataset, batchSize, false, false, 0, 0);
    }

    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, false, seed, 0);
    }

    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, boolean dropLast, long seed, int prefetch) {
        if (batchSize <= 0 || prefetch < 0) {
            throw new IllegalArgumentException("DataLoader: batchSize must be positive and prefetch non-negative, got "
                    + batchSize + " and " + prefetch);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.prefetch = prefetch;
        this.random = new SplittableRandom(seed);
    }

    public Dataset dataset() {
        return dataset;
    }

    /** Batches per epoch. */
    public int size() {
        int n = dataset.size();
        return dropLast ? n / batchSize : Math.ceilDiv(n, batchSize);
    }

    /** Starts a new epoch. */
    @Override
    public Iterator<Example> iterator() {
        List<int[]> batches = epochBatches();
        return prefetch == 0 ? new Direct(batches) : new Prefetching(batches);
    }

    /** The index lists of one epoch's batches. */
    private synchronized List<int[]> epochBatches() {
        int n = dataset.size();
        int[] order;
        if (shuffle) {
            order = Dataset.permutation(n, random);
        } else {
            order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
        }
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(start + batchSize, n);
            if (end - start < batchSize && dropLast) break;
            batches.add(java.util.Arrays.copyOfRange(order, start, end));
        }
        return batches;
    }

    private final class Direct implements Iterator<Example> {
        private final List<int[]> batches;
        private int next;

        Direct(List<int[]> batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return next < batches.size();
        }

        @Override
        public Example next() {
            if (!hasNext()) throw new NoSuchElementException();
            return dataset.getBatch(batches.get(next++));
        }
    }

    /**
     * A producer thread fills a bounded queue; the iterator takes from it. If the consumer stops
     * early and drops the iterator, the producer notices (weak reference) and ends.
     */
    private final class Prefetching implements Iterator<Example> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(prefetch);
        private final int count;
        private int taken;

        Prefetching(List<int[]> batches) {
            this.count = batches.size();
            WeakReference<Prefetching> consumer = new WeakReference<>(this);
            BlockingQueue<Object> out = queue;
            Dataset source = dataset;       // locals only: the thread must not hold a reference to this iterator
            Thread producer = new Thread(() -> {
                try {
                    for (int[] batch : batches) {
                        Object item;
                        try {
                            item = source.getBatch(batch);
                        } catch (RuntimeException | Error e) {
                            item = e;
                        }
                        while (!out.offer(item, 100, TimeUnit.MILLISECONDS)) {
                            if (consumer.get() == null) return;
                        }
                        if (item instanceof Throwable) return;
                    }
                    out.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "jgrad-dataloader-prefetch");
            producer.setDaemon(true);
            producer.start();
        }

        @Override
        public boolean hasNext() {
            return taken < count;
        }

        @Override
        public Example next() {
            if (!hasNext()) throw new NoSuchElementException();
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("DataLoader: interrupted while waiting for a batch", e);
            }
            taken++;
            return switch (item) {
                case Example example -> example;
                case RuntimeException e -> throw new IllegalStateException("DataLoader: building a batch failed: " + e.getMessage(), e);
                case Error e -> throw e;
                default -> throw new IllegalStateException("DataLoader: the producer ended early");
            };
        }
    }
}
