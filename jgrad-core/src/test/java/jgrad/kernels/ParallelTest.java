package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ParallelTest {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(2);
    }

    @Test
    void everyIndexIsVisitedExactlyOnceForAnyThreadCount() {
        for (int threads = 1; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            for (int length : new int[] {0, 1, 5, 1000}) {
                var visits = new AtomicIntegerArray(length + 3);
                Parallel.forRange(3, length + 3, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < length + 3; i++) {
                    assertThat(visits.get(i)).as("threads=%d length=%d index %d", threads, length, i).isEqualTo(i < 3 ? 0 : 1);
                }
            }
        }
    }

    /**
     * One thread changes the thread count over and over while another runs loops: every loop still
     * visits every index once (before, a loop that met the old pool shut down threw
     * RejectedExecutionException). Bounded to about a second.
     */
    @Test
    @Timeout(20)
    void setThreadsWhileOtherThreadsRunLoopsIsSafe() throws InterruptedException {
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        var changer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                Parallel.setThreads(2 + i % 3);
            }
        });
        changer.start();
        try {
            long deadline = System.nanoTime() + 1_000_000_000L;
            for (int round = 0; System.nanoTime() < deadline; round++) {
                var visits = new AtomicIntegerArray(64);
                Parallel.forRange(0, 64, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        visits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < 64; i++) {
                    assertThat(visits.get(i)).as("round %d index %d", round, i).isEqualTo(1);
                }
            }
        } finally {
            stop.set(true);
            changer.join();
        }
    }

    @Test
    void smallRangesRunInlineOnTheCaller() {
        Parallel.setThreads(4);
        Thread caller = Thread.currentThread();
        Parallel.forRange(0, 10, 8, (from, to) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(to - from).isEqualTo(10);
        });
    }

    @Test
    @Timeout(10)
    void nestedForRangeRunsInlineInsteadOfDeadlocking() {
        Parallel.setThreads(2);
        var inner = new AtomicIntegerArray(4 * 100);
        Parallel.forRange(0, 4, 1, (from, to) -> {
            for (int outer = from; outer < to; outer++) {
                int row = outer;
                Thread thread = Thread.currentThread();
                Parallel.forRange(0, 100, 1, (innerFrom, innerTo) -> {
                    assertThat(Thread.currentThread()).isSameAs(thread);
                    for (int i = innerFrom; i < innerTo; i++) {
                        inner.incrementAndGet(row * 100 + i);
                    }
                });
            }
        });
        for (int i = 0; i < 400; i++) {
            assertThat(inner.get(i)).isEqualTo(1);
        }
    }

    /**
     * When the worker is busy elsewhere, the caller does every chunk itself and returns without
     * waiting for the worker to come round (on a loaded machine that wait made 2 threads slower than 1).
     */
    @Test
    @Timeout(20)
    void callerDoesNotWaitForAWorkerThatNeverStarted() throws Exception {
        Parallel.setThreads(2);
        var workerInside = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread occupier = new Thread(() -> {
            Thread self = Thread.currentThread();
            Parallel.forRange(0, 2, 1, (from, to) -> {
                try {
                    if (Thread.currentThread() == self) {
                        workerInside.await();   // leave the other chunk to the worker
                    } else {
                        workerInside.countDown();
                        release.await();        // the worker stays busy until the test ends
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        });
        occupier.start();
        try {
            workerInside.await();
            Thread caller = Thread.currentThread();
            var visits = new AtomicIntegerArray(2);
            long start = System.nanoTime();
            Parallel.forRange(0, 2, 1, (from, to) -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                for (int i = from; i < to; i++) {
                    visits.incrementAndGet(i);
                }
            });
            assertThat(System.nanoTime() - start).as("returned without waiting for the busy worker")
                    .isLessThan(5_000_000_000L);
            assertThat(visits.get(0)).isEqualTo(1);
            assertThat(visits.get(1)).isEqualTo(1);
        } finally {
            release.countDown();
            occupier.join();
        }
    }

    @Test
    void anExceptionInAChunkReachesTheCaller() {
        Parallel.setThreads(3);
        assertThatThrownBy(() -> Parallel.forRange(0, 300, 1, (from, to) -> {
            if (from > 0) {
                throw new IllegalStateException("chunk " + from);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("chunk ");
    }

    @Test
    void threadCountIsSettableAndValidated() {
        Parallel.setThreads(3);
        assertThat(Parallel.threads()).isEqualTo(3);
        assertThatThrownBy(() -> Parallel.setThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count must be >= 1");
    }
}
