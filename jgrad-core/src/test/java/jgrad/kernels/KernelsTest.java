package jgrad.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The kernel switch: scopes nest and restore, belong to the thread that opened them, reach the
 * pool threads of {@link Parallel}, and the run-wide property is parsed with a clear fallback.
 */
class KernelsTest {

    @Test
    void scopesNestAndRestoreWhatWasThere() {
        KernelMode outside = Kernels.mode();
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            assertThat(Kernels.mode()).isEqualTo(KernelMode.REFERENCE);
            assertThat(Kernels.fast()).isFalse();
            try (var fast = Kernels.use(KernelMode.FAST)) {
                assertThat(Kernels.mode()).isEqualTo(KernelMode.FAST);
            }
            assertThat(Kernels.mode()).isEqualTo(KernelMode.REFERENCE);
        }
        assertThat(Kernels.mode()).isEqualTo(outside);
    }

    @Test
    void aScopeIsThisThreadsOnly() throws InterruptedException {
        var seenElsewhere = new AtomicReference<KernelMode>();
        try (var reference = Kernels.use(KernelMode.REFERENCE)) {
            Thread other = new Thread(() -> seenElsewhere.set(Kernels.mode()));
            other.start();
            other.join();
        }
        assertThat(seenElsewhere.get()).isEqualTo(Kernels.defaultMode());
    }

    @Test
    void poolThreadsRunChunksInTheCallersMode() {
        int threadsBefore = Parallel.threads();
        Parallel.setThreads(3);
        try {
            for (KernelMode mode : KernelMode.values()) {
                var seen = ConcurrentHashMap.<KernelMode>newKeySet();
                var threadNames = ConcurrentHashMap.<String>newKeySet();
                try (var scope = Kernels.use(mode)) {
                    // many slow-ish chunks so that the workers take some of them
                    Parallel.forRange(0, 64, 1, (from, to) -> {
                        seen.add(Kernels.mode());
                        threadNames.add(Thread.currentThread().getName());
                        busyWait();
                    });
                }
                assertThat(seen).as("modes seen by the chunks under %s (threads %s)", mode, threadNames).containsExactly(mode);
            }
        } finally {
            Parallel.setThreads(threadsBefore);
        }
    }

    @Test
    void aScopeMustBeClosedOnItsOwnThread() throws InterruptedException {
        var scope = Kernels.use(KernelMode.REFERENCE);
        var failure = new AtomicReference<Throwable>();
        Thread other = new Thread(() -> {
            try {
                scope.close();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        other.start();
        other.join();
        scope.close();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed by the thread that opened it");
        assertThat(Kernels.mode()).isEqualTo(Kernels.defaultMode());
    }

    @Test
    void theDefaultCanBeChangedForEveryThreadWithoutAScope() {
        KernelMode before = Kernels.defaultMode();
        try {
            Kernels.setDefault(KernelMode.REFERENCE);
            assertThat(Kernels.mode()).isEqualTo(KernelMode.REFERENCE);
            try (var fast = Kernels.use(KernelMode.FAST)) {
                assertThat(Kernels.mode()).isEqualTo(KernelMode.FAST);
            }
        } finally {
            Kernels.setDefault(before);
        }
        assertThatThrownBy(() -> Kernels.use(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("Kernels.use");
    }

    @Test
    void thePropertyAcceptsTheTwoNamesAndFallsBackToFast() {
        assertThat(Kernels.fromProperty(null)).isEqualTo(KernelMode.FAST);
        assertThat(Kernels.fromProperty(" Reference ")).isEqualTo(KernelMode.REFERENCE);
        assertThat(Kernels.fromProperty("fast")).isEqualTo(KernelMode.FAST);
        assertThat(Kernels.fromProperty("turbo")).isEqualTo(KernelMode.FAST);
    }

    private static void busyWait() {
        long end = System.nanoTime() + 200_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
