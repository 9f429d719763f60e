package jgrad.serve;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The load test's own checks on a short run: every answer accounted for, overload refused with 429. */
class LoadTestTest {

    @Test
    void underOverloadEveryRequestIsAnsweredCorrectlyOrRefusedWith429(@TempDir Path dir) throws Exception {
        Map<String, Object> cnn = new LinkedHashMap<>(Map.of("class", "SmallCnn", "channels1", 2L, "channels2", 4L, "hidden", 8L));
        ModelBundle.save(dir, ModelBundle.imageClassifierConfig("digits", cnn, 10), ModelBundle.build(cnn, 3), null);
        var reference = (ImageClassifier) ModelBundle.load(dir, new ImageClassifier.BatchLimits(1, Duration.ZERO, 1));
        var test = new LoadTest(reference, 32);
        reference.close();

        // batches of 1 and room for 1 waiting request: 24 clients must overflow the queue
        try (var server = ServeMain.start(new ServeMain.Options(List.of(dir), 0, 1, 0, 1, 1_000_000))) {
            var served = (ImageClassifier) server.models().getFirst();
            var result = test.run(URI.create("http://localhost:" + server.port() + "/v1/models/digits/predict"), served, 24, 1.0);
            assertThat(result.wrong()).as("mixed-up answers").isZero();
            assertThat(result.failed()).as("requests without an answer").isZero();
            assertThat(result.byStatus().keySet()).as("statuses %s", result.byStatus()).containsOnly(200, 429);
            assertThat(result.byStatus().get(429)).as("refused requests").isPositive();
            assertThat(result.ok()).isEqualTo(result.byStatus().get(200)).isPositive();
            assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        }
    }
}
