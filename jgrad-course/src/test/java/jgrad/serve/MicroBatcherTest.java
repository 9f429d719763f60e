package jgrad.serve;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicroBatcherTest {

    @Test
    void eachOutputAnswersItsOwnInputAndRequestsShareBatches() throws Exception {
        List<Integer> batchSizes = new ArrayList<>();
        try (var batcher = new MicroBatcher<Integer, Integer>("square", 8, Duration.ofMillis(20), 100, inputs -> {
            synchronized (batchSizes) {
                batchSizes.add(inputs.size());
            }
            return inputs.stream().map(x -> x * x).toList();
        })) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(batcher.submit(i));
            }
            for (int i = 0; i < 40; i++) {
                assertThat(futures.get(i).get(5, TimeUnit.SECONDS)).as("answer to request %d", i).isEqualTo(i * i);
            }
            assertThat(batcher.items()).isEqualTo(40);
            // 40 requests queued at once, at most 8 a batch: at least 5 batches, and far fewer than 40.
            assertThat(batcher.batches()).isBetween(5L, 20L);
            assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 8));
        }
    }

    @Test
    void aFullQueueIsRefusedWith429AndTheQueuedRequestsStillComplete() throws Exception {
        var release = new CountDownLatch(1);
        var started = new CountDownLatch(1);
        try (var batcher = new MicroBatcher<Integer, Integer>("slow", 1, Duration.ZERO, 3, inputs -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inputs.stream().map(x -> -x).toList();
        })) {
            var running = batcher.submit(0);
            started.await(5, TimeUnit.SECONDS);           // the worker holds request 0; the queue is empty
            var queued = List.of(batcher.submit(1), batcher.submit(2), batcher.submit(3));
            assertThatThrownBy(() -> batcher.submit(4)).isInstanceOfSatisfying(HttpError.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.getMessage()).contains("overloaded").contains("3 requests already queued");
            });
            assertThat(batcher.rejected()).isEqualTo(1);
            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isZero();
            for (int i = 0; i < 3; i++) {
                assertThat(queued.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(-(i + 1));
            }
        }
    }

    @Test
    void aFailingBatchFailsEveryRequestInItButNotTheNextBatch() throws Exception {
        try (var batcher = new MicroBatcher<Integer, Integer>("picky", 1, Duration.ZERO, 10, inputs -> {
            if (inputs.getFirst() < 0) {
                throw new IllegalStateException("negative");
            }
            return inputs;
        })) {
            var bad = batcher.submit(-1);
            var good = batcher.submit(5);
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo(5);
        }
    }

    @Test
    void afterCloseSubmitIsRefusedWith503() {
        var batcher = new MicroBatcher<Integer, Integer>("closed", 1, Duration.ZERO, 1, inputs -> inputs);
        batcher.close();
        assertThatThrownBy(() -> batcher.submit(1)).isInstanceOfSatisfying(HttpError.class, e -> assertThat(e.status()).isEqualTo(503));
    }
}
