package jgrad.kernels;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread pool of jgrad, and {@link #forRange}, the only way kernels use it.
 *
 * <p>Rule of the house: threads split <em>outputs</em>, never a reduction. Each index of a
 * range handed to {@code forRange} names a piece of output that exactly one chunk writes, and
 * the arithmetic for that piece does not depend on which chunk computes it. So a kernel gives
 * bitwise identical results for any thread count.
 *
 * <p>Size: system property {@code jgrad.threads}, else {@link Runtime#availableProcessors()};
 * change it at run time with {@link #setThreads(int)}. The calling thread works on the range
 * too, so the pool holds {@code threads - 1} daemon workers.
 *
 * <pre>{@code
 * Parallel.setThreads(2);
 * Parallel.forRange(0, rows, 16, (from, to) -> {
 *     for (int r = from; r < to; r++) softmaxRow(r);   // writes row r only
 * });
 * }</pre>
 *
 * <p>A chunk runs in the {@link KernelMode} of the thread that called {@code forRange}
 * (see {@link Kernels#use}), whichever thread runs it.
 *
 * <p>Nested use is safe: {@code forRange} called from inside a chunk (on a worker or on the
 * caller) runs inline, so a pool thread never waits for work queued behind itself.
 */
public final class Parallel {

    /** The body of a parallel loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** Chunks per thread handed out dynamically; more balance the load, fewer cost less hand-off. */
    private static final int CHUNKS_PER_THREAD = 4;

    private static final ThreadLocal<Boolean> INSIDE_CHUNK = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();

    private static int threads;
    private static ExecutorService workers;

    static {
        setThreads(initialThreads());
    }

    private Parallel() {
    }

    /** Number of threads (caller included) a {@code forRange} may use. */
    public static synchronized int threads() {
        return threads;
    }

    /**
     * Sets the thread count; the old pool finishes what it runs and is shut down. Safe while other
     * threads run ops: a {@code forRange} that meets the old pool closed runs its chunks itself.
     *
     * @param count threads including the caller, at least 1
     */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: count must be >= 1, got " + count);
        }
        if (count == threads) {
            return;
        }
        if (workers != null) {
            workers.shutdown();
        }
        workers = count == 1 ? null : Executors.newFixedThreadPool(count - 1, runnable -> {
            var worker = new Thread(runnable, "jgrad-worker-" + WORKER_NUMBER.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
        threads = count;
    }

    /**
     * Runs {@code body} over {@code [start, end)} and returns when every index is done. The range
     * is cut into contiguous chunks of at least {@code grain} indices — up to
     * {@value #CHUNKS_PER_THREAD} per thread — and the caller and the workers take chunks in turn
     * until none is left. Which thread runs a chunk varies from run to run; what a chunk computes
     * does not, so results stay bitwise reproducible.
     *
     * <p>Runs inline (one chunk, the whole range) when one thread is configured, when the range
     * holds fewer than {@code 2 * grain} indices, or when called from inside another chunk.
     * An exception thrown by a chunk is rethrown here after the other threads have stopped.
     *
     * @param grain the smallest chunk worth a thread: pick it so one chunk is some 10 µs of work
     */
    public static void forRange(int start, int end, int grain, RangeBody body) {
        int length = end - start;
        if (length <= 0) {
            return;
        }
        ExecutorService pool;
        int helpers;
        int chunks;
        synchronized (Parallel.class) {
            pool = workers;
            chunks = Math.min(threads * CHUNKS_PER_THREAD, length / Math.max(1, grain));
            helpers = Math.min(threads, chunks) - 1;
        }
        if (chunks <= 1 || pool == null || INSIDE_CHUNK.get()) {
            runChunk(body, start, end);
            return;
        }
        // Chunk c covers [start + c*length/chunks, start + (c+1)*length/chunks): sizes differ by at most 1.
        // Taking chunks from a shared counter (rather than a fixed share per thread) keeps both
        // cores busy when a shared machine briefly takes one away.
        var next = new AtomicInteger();
        int chunkCount = chunks;
        RangeBody task = Kernels.inCallersMode(body);   // pool threads run in the caller's KernelMode
        Runnable takeChunks = () -> {
            try {
                for (int c = next.getAndIncrement(); c < chunkCount; c = next.getAndIncrement()) {
                    runChunk(task, start + (int) ((long) c * length / chunkCount),
                            start + (int) ((long) (c + 1) * length / chunkCount));
                }
            } catch (RuntimeException | Error e) {
                next.set(chunkCount);   // the others stop taking chunks
                throw e;
            }
        };
        var started = new ArrayList<Helper>(helpers);
        for (int h = 0; h < helpers; h++) {
            var helper = new Helper(takeChunks);
            try {
                pool.execute(helper);
            } catch (RejectedExecutionException e) {
                break;   // setThreads replaced the pool meanwhile: the caller takes the chunks no helper took
            }
            started.add(helper);
        }
        Throwable failure = null;
        try {
            takeChunks.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Helper helper : started) {
            try {
                Throwable helperFailure = helper.join();
                failure = failure == null ? helperFailure : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("Parallel.forRange: a chunk failed", failure);
        }
    }

    /**
     * One worker's share of a {@code forRange}: it takes chunks like the caller. If the caller has
     * run out of chunks before the worker even started (on a busy machine a parked worker can wait
     * milliseconds for a core), {@link #join} cancels it instead of waiting for it: the call then
     * costs what one thread costs, never more. A worker that started is waited for, since it may
     * be writing its chunk.
     */
    private static final class Helper implements Runnable {
        private static final int PENDING = 0;
        private static final int RUNNING = 1;
        private static final int CANCELLED = 2;

        private final Runnable takeChunks;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Throwable failure;

        Helper(Runnable takeChunks) {
            this.takeChunks = takeChunks;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(PENDING, RUNNING)) {
                return;   // the caller did every chunk already
            }
            try {
                takeChunks.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }

        /** Returns the worker's exception (or null) once it has finished, at once if it never started. */
        Throwable join() throws InterruptedException {
            if (state.compareAndSet(PENDING, CANCELLED)) {
                return null;
            }
            done.await();
            return failure;
        }
    }

    private static void runChunk(RangeBody body, int from, int to) {
        boolean nested = INSIDE_CHUNK.get();
        INSIDE_CHUNK.set(true);
        try {
            body.run(from, to);
        } finally {
            INSIDE_CHUNK.set(nested);
        }
    }

    private static int initialThreads() {
        String property = System.getProperty("jgrad.threads");
        if (property == null || property.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int count = Integer.parseInt(property.trim());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the one-line warning below
        }
        System.err.println("jgrad: ignoring -Djgrad.threads=" + property + " (want an integer >= 1); using "
                + Runtime.getRuntime().availableProcessors());
        return Runtime.getRuntime().availableProcessors();
    }
}
