package jgrad.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Gathers requests that arrive close together into one batch, so the model runs one forward pass
 * of shape {@code (B, ...)} instead of B passes of shape {@code (1, ...)}.
 *
 * <p>One worker thread takes the first waiting request, then waits at most {@code maxWait} for more,
 * up to {@code maxBatch}, and runs {@code batchFunction} on the list; the i-th output answers the
 * i-th input. The queue holds at most {@code maxQueue} requests: {@link #submit} beyond that throws
 * an {@link HttpError} 429 at once instead of letting latency grow without bound.
 *
 * <pre>{@code
 * var batcher = new MicroBatcher<float[], float[]>("digits", 32, Duration.ofMillis(2), 256, model::predictAll);
 * float[] probabilities = batcher.submit(pixels).join();
 * }</pre>
 *
 * @param <I> one request's input
 * @param <O> one request's output
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
    private record Pending<I, O>(I input, CompletableFuture<O> result) {
    }

    private final String name;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending<I, O>> queue;
    private final Function<List<I>, List<O>> batchFunction;
    private final Thread worker;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closed;

    public MicroBatcher(String name, int maxBatch, Duration maxWait, int maxQueue, Function<List<I>, List<O>> batchFunction) {
        if (maxBatch < 1 || maxQueue < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("MicroBatcher(" + name + "): expected maxBatch >= 1, maxQueue >= 1 and maxWait >= 0, got "
                    + maxBatch + ", " + maxQueue + ", " + maxWait);
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.queue = new ArrayBlockingQueue<>(maxQueue);
        this.batchFunction = batchFunction;
        this.worker = Thread.ofPlatform().daemon().name("batcher-" + name).start(this::run);
    }

    /**
     * Queues one input; the future completes with its output, or exceptionally if the batch failed.
     *
     * @throws HttpError 429 when the queue is full, 503 once the batcher is closed
     */
    public CompletableFuture<O> submit(I input) {
        if (closed) {
            throw new HttpError(503, name + ": shutting down");
        }
        var pending = new Pending<I, O>(input, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            rejected.incrementAndGet();
            throw new HttpError(429, name + ": overloaded, " + queue.size() + " requests already queued; retry later");
        }
        return pending.result();
    }

    private void run() {
        var batch = new ArrayList<Pending<I, O>>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                var first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    var next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Pending<I, O> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new HttpError(503, name + ": shutting down"));
        }
    }

    private void runBatch(List<Pending<I, O>> batch) {
        batches.incrementAndGet();
        items.addAndGet(batch.size());
        try {
            List<O> outputs = batchFunction.apply(batch.stream().map(Pending::input).toList());
            if (outputs.size() != batch.size()) {
                throw new IllegalStateException(name + ": the batch function returned " + outputs.size()
                        + " outputs for " + batch.size() + " inputs");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outputs.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** Batches run so far. */
    public long batches() {
        return batches.get();
    }

    /** Requests answered in batches so far; {@code items() / batches()} is the mean batch size. */
    public long items() {
        return items.get();
    }

    /** Requests refused because the queue was full. */
    public long rejected() {
        return rejected.get();
    }

    public int queued() {
        return queue.size();
    }

    /** Stops taking requests, finishes the queued ones, and waits for the worker to end. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
