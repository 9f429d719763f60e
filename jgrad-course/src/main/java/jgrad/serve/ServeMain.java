package jgrad.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the {@link InferenceServer} on saved models and serves until interrupted (Ctrl-C).
 *
 * <pre>
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.serve.ServeMain
 *   ./mvnw -q compile exec:exec -Djgrad.main=jgrad.serve.ServeMain -Djgrad.args="--model runs/serve/digits --port 8080"
 * </pre>
 * Without {@code --model} it serves the demo models in {@code runs/serve}, training them first
 * when they are missing ({@link DemoModels}). Options: {@code --port 8080} (0: any free port),
 * {@code --max-batch 32}, {@code --max-wait-ms 2}, {@code --max-queue 256}, {@code --max-body-bytes 1000000}.
 * Then, from another terminal:
 * <pre>
 *   curl -s localhost:8080/health
 *   curl -s -d '{"prompt": "The ", "max_tokens": 80, "temperature": 0.8}' localhost:8080/v1/models/text/generate
 *   curl -s localhost:8080/metrics
 * </pre>
 */
public final class ServeMain {
    private ServeMain() {
    }

    /** The server's limits, with the defaults the demo and the load test use. */
    public record Options(List<Path> models, int port, int maxBatch, int maxWaitMillis, int maxQueue, int maxBodyBytes) {
        public ImageClassifier.BatchLimits limits() {
            return new ImageClassifier.BatchLimits(maxBatch, Duration.ofMillis(maxWaitMillis), maxQueue);
        }

        static Options parse(String[] args) {
            List<Path> models = new ArrayList<>();
            int port = 8080, maxBatch = 32, maxWait = 2, maxQueue = 256, maxBody = 1_000_000;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--model" -> models.add(Path.of(value));
                    case "--port" -> port = Integer.parseInt(value);
                    case "--max-batch" -> maxBatch = Integer.parseInt(value);
                    case "--max-wait-ms" -> maxWait = Integer.parseInt(value);
                    case "--max-queue" -> maxQueue = Integer.parseInt(value);
                    case "--max-body-bytes" -> maxBody = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--model DIR, --port, --max-batch, --max-wait-ms, --max-queue, --max-body-bytes)");
                }
            }
            return new Options(models, port, maxBatch, maxWait, maxQueue, maxBody);
        }
    }

    /** Loads every model directory and starts the server. */
    public static InferenceServer start(Options options) throws IOException {
        List<ServedModel> served = new ArrayList<>();
        for (Path dir : options.models()) {
            served.add(ModelBundle.load(dir, options.limits()));
        }
        return new InferenceServer(served, options.port(), options.maxBodyBytes());
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        if (options.models().isEmpty()) {
            options = new Options(DemoModels.ensure(DemoModels.ROOT, System.out), options.port(),
                    options.maxBatch(), options.maxWaitMillis(), options.maxQueue(), options.maxBodyBytes());
        }
        var server = start(options);
        System.out.println("serving " + server.models().stream().map(ServedModel::name).toList() + " on http://localhost:"
                + server.port() + "  (GET /health, GET /metrics, GET /v1/models; Ctrl-C stops)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
    }
}
