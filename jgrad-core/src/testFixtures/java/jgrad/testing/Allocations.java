package jgrad.testing;

import java.lang.management.ManagementFactory;

/**
 * How many bytes of heap a piece of code allocates on the calling thread, from HotSpot's
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean}). A reader that trusts a
 * file's claimed sizes shows up here even when the JVM has room for the allocation, so a test can
 * demand "memory in proportion to the bytes present" instead of waiting for an OutOfMemoryError.
 */
public final class Allocations {
    private Allocations() {
    }

    /** A piece of code that may throw anything; the throwable is returned by {@link #measure}, not rethrown. */
    @FunctionalInterface
    public interface Action {
        void run() throws Throwable;
    }

    /** What an action allocated and how it ended ({@code thrown} is null when it returned normally). */
    public record Result(long bytes, Throwable thrown) {
    }

    public static Result measure(Action action) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        Throwable thrown = null;
        try {
            action.run();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Result(threads.getThreadAllocatedBytes(thread) - before, thrown);
    }
}
