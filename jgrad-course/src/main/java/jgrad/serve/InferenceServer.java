package jgrad.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jgrad.io.Json;
import jgrad.text.StreamingDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP inference server on the JDK's own {@code com.sun.net.httpserver}, no framework.
 *
 * <pre>
 *   GET  /health                      {"status": "ok", "models": [...]}
 *   GET  /metrics                     request counts by route and status, latency p50/p90/p99
 *   GET  /v1/models                   what each model takes
 *   POST /v1/models/{name}/predict    image classifier: {"pixels": [...]} -> {"label": "7", "probabilities": [...]}
 *                                     text classifier:  {"text": "..."}   -> {"label": "positive", "probabilities": [...]}
 *   POST /v1/models/{name}/generate   text generator: {"prompt": "..."} -> one JSON line per token (streamed)
 * </pre>
 *
 * Every refusal is a JSON body {@code {"error": "..."}} naming the problem: 400 malformed JSON or
 * values out of range, 404 unknown route or model, 405 wrong method, 413 body over
 * {@code maxBodyBytes}, 429 a full queue. Each request runs on its own virtual thread; image
 * requests wait on their model's {@link MicroBatcher}.
 */
public final class InferenceServer implements AutoCloseable {
    private static final String PREFIX = "/v1/models/";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final Metrics metrics = new Metrics();
    private final int maxBodyBytes;

    /**
     * Starts serving {@code models} on {@code port} of the loopback address (0: any free port,
     * see {@link #port()}); requests larger than {@code maxBodyBytes} are refused with 413.
     */
    public InferenceServer(List<ServedModel> models, int port, int maxBodyBytes) throws IOException {
        for (var model : models) {
            if (this.models.putIfAbsent(model.name(), model) != null) {
                throw new IllegalArgumentException("InferenceServer: two models named \"" + model.name() + "\"");
            }
        }
        this.maxBodyBytes = maxBodyBytes;
        this.server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 256);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Metrics metrics() {
        return metrics;
    }

    // ---------------------------------------------------------------------------------------------
    // Routing: every exchange ends here with exactly one answer, recorded in the metrics.
    // ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String route = "unknown";
        int status;
        try {
            String path = exchange.getRequestURI().getPath();
            route = routeName(path);
            status = dispatch(exchange, path);
        } catch (HttpError e) {
            status = sendError(exchange, e.status(), e.getMessage());
        } catch (CompletionException e) {
            status = e.getCause() instanceof HttpError error ? sendError(exchange, error.status(), error.getMessage())
                    : internalError(exchange, e.getCause());
        } catch (RuntimeException | IOException | InterruptedException e) {
            status = internalError(exchange, e);
        } finally {
            exchange.close();
        }
        metrics.record(route, status, System.nanoTime() - start);
    }

    /** The route a path belongs to, for the metrics (model names kept, anything else "unknown"). */
    private String routeName(String path) {
        if (path.equals("/health") || path.equals("/metrics") || path.equals("/v1/models")) {
            return path;
        }
        if (path.startsWith(PREFIX)) {
            String[] parts = path.substring(PREFIX.length()).split("/");
            if (parts.length == 2 && models.containsKey(parts[0])) {
                return PREFIX + parts[0] + "/" + parts[1];
            }
        }
        return "unknown";
    }

    private int dispatch(HttpExchange exchange, String path) throws IOException, InterruptedException {
        switch (path) {
            case "/health" -> {
                requireMethod(exchange, "GET");
                return sendJson(exchange, 200, Map.of("status", "ok", "models", List.copyOf(models.keySet())));
            }
            case "/metrics" -> {
                requireMethod(exchange, "GET");
                Map<String, Object> body = metrics.snapshot();
                body.put("models", models.values().stream().map(ServedModel::describe).toList());
                return sendJson(exchange, 200, body);
            }
            case "/v1/models" -> {
                requireMethod(exchange, "GET");
                return sendJson(exchange, 200, Map.of("models", models.values().stream().map(ServedModel::describe).toList()));
            }
            default -> {
            }
        }
        if (!path.startsWith(PREFIX) || path.substring(PREFIX.length()).split("/").length != 2) {
            throw new HttpError(404, "no route " + path + " (try GET /health, GET /metrics, GET /v1/models, POST "
                    + PREFIX + "{name}/predict or /generate)");
        }
        String[] parts = path.substring(PREFIX.length()).split("/");
        ServedModel model = models.get(parts[0]);
        if (model == null) {
            throw new HttpError(404, "no model named \"" + parts[0] + "\" (models: " + String.join(", ", models.keySet()) + ")");
        }
        return switch (model) {
            case ImageClassifier classifier when parts[1].equals("predict") -> predict(exchange, classifier);
            case TextGenerator generator when parts[1].equals("generate") -> generate(exchange, generator);
            case TextClassifierService classifier when parts[1].equals("predict") -> classify(exchange, classifier);
            default -> throw new HttpError(404, "model \"" + model.name() + "\" has no action \"" + parts[1] + "\" (it answers "
                    + (model instanceof TextGenerator ? "generate" : "predict") + ")");
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The two model actions
    // ---------------------------------------------------------------------------------------------

    private int predict(HttpExchange exchange, ImageClassifier classifier) throws IOException {
        Fields request = readJson(exchange);
        Object id = request.values().get("id");
        float[] pixels = checked(() -> classifier.parse(request));
        float[] probabilities = classifier.batcher().submit(pixels).join();
        return sendJson(exchange, 200, classifier.answer(id, probabilities));
    }

    private int classify(HttpExchange exchange, TextClassifierService classifier) throws IOException {
        Fields request = readJson(exchange);
        Object id = request.values().get("id");
        String text = checked(() -> classifier.parse(request));
        float[] probabilities = classifier.batcher().submit(text).join();
        return sendJson(exchange, 200, classifier.answer(id, probabilities));
    }

    /**
     * Streams {@code {"token": "a"}} lines as they are drawn, then {@code {"done": true, "text": ..., "tokens": n}};
     * with {@code "stream": false} one JSON object {@code {"text": ..., "tokens": n}}.
     */
    private int generate(HttpExchange exchange, TextGenerator generator) throws IOException, InterruptedException {
        Fields fields = readJson(exchange);
        TextGenerator.Request request = checked(() -> generator.parse(fields));
        var decoder = new StreamingDecoder(generator.tokenizer());
        var text = new StringBuilder();
        int[] count = {0};
        if (!request.stream()) {
            generator.generate(request, id -> {
                text.append(decoder.push(id));
                count[0]++;
            });
            text.append(decoder.flush());
            return sendJson(exchange, 200, Map.of("text", text.toString(), "tokens", count[0]));
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
        boolean[] started = {false};
        OutputStream out = exchange.getResponseBody();
        generator.generate(request, id -> {
            try {
                if (!started[0]) {
                    exchange.sendResponseHeaders(200, 0);   // 0: chunked, length unknown
                    started[0] = true;
                }
                String piece = decoder.push(id);
                text.append(piece);
                count[0]++;
                out.write((Json.write(Map.of("token", piece)) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("client went away", e);   // stops the generation
            }
        });
        text.append(decoder.flush());
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("done", true);
        last.put("text", text.toString());
        last.put("tokens", count[0]);
        out.write((Json.write(last) + "\n").getBytes(StandardCharsets.UTF_8));
        return 200;
    }

    // ---------------------------------------------------------------------------------------------
    // Requests and answers
    // ---------------------------------------------------------------------------------------------

    private interface Parse<T> {
        T get();
    }

    /** Runs a parse step, turning its {@link IllegalArgumentException} into a 400 with the same message. */
    private static <T> T checked(Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw new HttpError(405, exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + ": use " + method);
        }
    }

    /** The body as a JSON object, refusing wrong methods (405), oversized bodies (413) and bad JSON (400). */
    private Fields readJson(HttpExchange exchange) throws IOException {
        requireMethod(exchange, "POST");
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBodyBytes) {
            throw new HttpError(413, "request body of " + declared + " bytes is over the limit of " + maxBodyBytes + " bytes");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(maxBodyBytes + 1);
        }
        if (body.length > maxBodyBytes) {
            throw new HttpError(413, "request body is over the limit of " + maxBodyBytes + " bytes");
        }
        if (body.length == 0) {
            throw HttpError.badRequest("empty request body: expected a JSON object");
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder();
            String text = decoder.decode(java.nio.ByteBuffer.wrap(body)).toString();
            return checked(() -> Fields.of("request", parseJson(text)));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw HttpError.badRequest("request body is not valid UTF-8");
        }
    }

    private static Object parseJson(String text) {
        try {
            return Json.parse(text, "request body");
        } catch (Json.SyntaxException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage());
        }
    }

    private static int sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private static int sendError(HttpExchange exchange, int status, String message) {
        try {
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            return sendJson(exchange, status, Map.of("error", message));
        } catch (IOException e) {
            return status;    // the client left; the status is still what we meant to answer
        }
    }

    /** A fault of ours, not the client's: one line to stderr, a 500 without a stack trace to the client. */
    private static int internalError(HttpExchange exchange, Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        System.err.println("InferenceServer: " + exchange.getRequestURI() + ": " + e);
        return sendError(exchange, 500, "internal error while answering " + exchange.getRequestURI().getPath());
    }

    public List<ServedModel> models() {
        return new ArrayList<>(models.values());
    }

    /** Stops accepting connections, lets running exchanges finish (up to a second), closes the models. */
    @Override
    public void close() {
        server.stop(1);
        executor.close();
        models.values().forEach(ServedModel::close);
    }
}
