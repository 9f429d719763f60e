package jgrad.serve;

import jgrad.data.RenderedDigits;
import jgrad.data.TensorDataset;
import jgrad.io.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of the image classifier on localhost: latency p50/p99 and throughput at 1, 8 and 32
 * concurrent clients, then an overload phase against a server with a short queue.
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.serve.LoadTest
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.serve.LoadTest -Djgrad.args="--seconds 10 --clients 1,8,32 --overload-clients 128"
 * </pre>
 * Each client sends rendered digits one request after another, each with its own id; every answer
 * is checked: the id must be the request's and the class the one the model gives that image when
 * called directly, so a lost or mixed-up response is counted, not hidden. The server runs in this
 * JVM (client and server share the machine's cores: the figures are for both together).
 */
public final class LoadTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> bodies = new ArrayList<>();
    private final int[] expectedClass;

    /** What one phase measured. */
    public record Result(int clients, long ok, Map<Integer, Long> byStatus, long wrong, long failed, double seconds,
                         double p50Millis, double p99Millis, double meanBatch) {
        double throughput() {
            return ok / seconds;
        }
    }

    /** Renders {@code images} digits and asks {@code reference} (called directly) for the class of each. */
    LoadTest(ImageClassifier reference, int count) {
        TensorDataset digits = RenderedDigits.generate(count, 99);
        expectedClass = new int[count];
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = digits.inputs().select(0, i).contiguous().toFloatArray();
            images.add(pixels);
            List<Object> values = new ArrayList<>();
            for (float p : pixels) {
                values.add((double) p);
            }
            bodies.add(Json.write(Map.of("pixels", values)));
        }
        List<float[]> probabilities = reference.predictBatch(images);
        for (int i = 0; i < count; i++) {
            expectedClass[i] = argmax(probabilities.get(i));
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    /** {@code clients} clients send requests back to back for {@code seconds}; every answer is checked. */
    Result run(URI predict, ImageClassifier served, int clients, double seconds) throws InterruptedException {
        var latencies = new ConcurrentHashMap<Integer, long[]>();
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        var wrong = new AtomicLong();
        var failed = new AtomicLong();
        long batches0 = served.batcher().batches(), items0 = served.batcher().items();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int id = c;
                pool.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int n = 0;
                    for (int r = 0; System.nanoTime() < deadline && n < mine.length; r++) {
                        int image = (id * 7919 + r) % bodies.size();
                        String requestId = id + "-" + r;
                        String body = "{\"id\":\"" + requestId + "\"," + bodies.get(image).substring(1);
                        long t0 = System.nanoTime();
                        try {
                            var response = client.send(HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            long elapsed = System.nanoTime() - t0;
                            byStatus.computeIfAbsent(response.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            if (response.statusCode() == 200) {
                                var json = (Map<?, ?>) Json.parse(response.body());
                                if (!requestId.equals(json.get("id")) || ((Long) json.get("class")) != expectedClass[image]) {
                                    wrong.incrementAndGet();
                                }
                                mine[n++] = elapsed;
                            }
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    latencies.put(id, Arrays.copyOf(mine, n));
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long batches = served.batcher().batches() - batches0, items = served.batcher().items() - items0;
        Map<Integer, Long> statuses = new TreeMap<>();
        byStatus.forEach((status, n) -> statuses.put(status, n.get()));
        return new Result(clients, all.length, statuses, wrong.get(), failed.get(), elapsed,
                all.length == 0 ? Double.NaN : Metrics.percentile(all, 50) / 1e6,
                all.length == 0 ? Double.NaN : Metrics.percentile(all, 99) / 1e6,
                batches == 0 ? Double.NaN : (double) items / batches);
    }

    static String row(Result r) {
        return String.format(Locale.ROOT, "%7d  %8.1f  %8.2f  %8.2f  %6.1f  %-22s %5d  %5d", r.clients(), r.throughput(),
                r.p50Millis(), r.p99Millis(), r.meanBatch(), r.byStatus(), r.wrong(), r.failed());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("seconds", "5", "clients", "1,8,32", "overload-clients", "128",
                "overload-queue", "8", "max-batch", "32", "max-wait-ms", "2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (" + options.keySet() + ")");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        double seconds = Double.parseDouble(options.get("seconds"));
        int maxBatch = Integer.parseInt(options.get("max-batch"));
        int maxWait = Integer.parseInt(options.get("max-wait-ms"));
        Path digits = DemoModels.ensure(DemoModels.ROOT, System.out).getFirst();
        var reference = (ImageClassifier) ModelBundle.load(digits, new ImageClassifier.BatchLimits(1, Duration.ZERO, 1));
        var test = new LoadTest(reference, 256);
        reference.close();
        System.out.printf(Locale.ROOT, "%d cores, %.0f s a phase, max batch %d, max wait %d ms%n",
                Runtime.getRuntime().availableProcessors(), seconds, maxBatch, maxWait);
        String header = "clients  req/s     p50 ms    p99 ms    batch   statuses               wrong  failed";
        try (var server = ServeMain.start(new ServeMain.Options(List.of(digits), 0, maxBatch, maxWait, 256, 1_000_000))) {
            var served = (ImageClassifier) server.models().getFirst();
            URI predict = URI.create("http://localhost:" + server.port() + "/v1/models/digits/predict");
            test.run(predict, served, 4, Math.min(2, seconds));   // warm-up: JIT, connections
            System.out.println(header);
            for (String clients : options.get("clients").split(",")) {
                System.out.println(row(test.run(predict, served, Integer.parseInt(clients.trim()), seconds)));
            }
        }
        int queue = Integer.parseInt(options.get("overload-queue"));
        System.out.printf("%noverload: queue limited to %d requests%n%s%n", queue, header);
        try (var server = ServeMain.start(new ServeMain.Options(List.of(digits), 0, maxBatch, maxWait, queue, 1_000_000))) {
            var served = (ImageClassifier) server.models().getFirst();
            URI predict = URI.create("http://localhost:" + server.port() + "/v1/models/digits/predict");
            System.out.println(row(test.run(predict, served, Integer.parseInt(options.get("overload-clients")), seconds)));
            System.out.println("server metrics: " + Json.write(server.metrics().snapshot().get("routes")));
        }
    }
}
