package jgrad.serve;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.data.RenderedDigits;
import jgrad.io.Json;
import jgrad.models.GPT;
import jgrad.nn.Module;
import jgrad.text.CharTokenizer;
import jgrad.text.Sampler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The server on an ephemeral localhost port, with small untrained models saved and loaded as bundles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceServerTest {
    private static final int MAX_BODY = 64_000;
    private static final String TEXT = "hello world, a small text for a tiny model.\n";

    private InferenceServer server;
    private ImageClassifier reference;        // the same saved weights loaded again, called directly
    private TextClassifierService sentimentReference;
    private GPT gpt;
    private CharTokenizer tokenizer;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private jgrad.data.TensorDataset digits;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        Map<String, Object> cnn = new LinkedHashMap<>(Map.of("class", "SmallCnn", "channels1", 2L, "channels2", 4L, "hidden", 8L));
        ModelBundle.save(dir.resolve("digits"), ModelBundle.imageClassifierConfig("digits", cnn, 10), ModelBundle.build(cnn, 1), null);
        tokenizer = CharTokenizer.fromText(TEXT);
        Map<String, Object> arch = new LinkedHashMap<>(Map.of("class", "GPT", "block_size", 16L, "vocab_size", (long) tokenizer.vocabSize(),
                "n_layer", 1L, "n_head", 2L, "n_embd", 8L, "bias", true));
        gpt = (GPT) ModelBundle.build(arch, 2);
        ModelBundle.save(dir.resolve("text"), ModelBundle.textGeneratorConfig("text", arch, 40), gpt, tokenizer);
        Map<String, Object> lstm = new LinkedHashMap<>(Map.of("class", "CharLSTM", "vocab_size", (long) tokenizer.vocabSize(),
                "embedding_dim", 6L, "hidden_size", 8L, "num_layers", 1L));
        ModelBundle.save(dir.resolve("lstm"), ModelBundle.textGeneratorConfig("lstm", lstm, 40), ModelBundle.build(lstm, 3), tokenizer);
        var vocab = new ArrayList<>(jgrad.text.BertTokenizer.SPECIAL_TOKENS);
        vocab.addAll(List.of("a", "fine", "film", "bad", "plot", "good", "the", "."));
        Map<String, Object> bert = new LinkedHashMap<>(Map.of("class", "BertForSequenceClassification", "vocab_size", (long) vocab.size(),
                "hidden_size", 8L, "num_layers", 1L, "num_heads", 2L, "max_positions", 12L, "num_labels", 2L));
        Map<String, Object> sentiment = new LinkedHashMap<>(Map.of("name", "sentiment", "task", "text-classification", "model", bert,
                "labels", List.of("negative", "positive"), "max_chars", 200L));
        ModelBundle.save(dir.resolve("sentiment"), sentiment, ModelBundle.build(bert, 4), null);
        new jgrad.text.BertTokenizer(vocab, true, true).save(dir.resolve("sentiment").resolve(ModelBundle.VOCAB));
        var limits = new ImageClassifier.BatchLimits(16, Duration.ofMillis(20), 256);
        server = new InferenceServer(List.of(ModelBundle.load(dir.resolve("digits"), limits), ModelBundle.load(dir.resolve("text"), limits),
                ModelBundle.load(dir.resolve("lstm"), limits), ModelBundle.load(dir.resolve("sentiment"), limits)), 0, MAX_BODY);
        sentimentReference = (TextClassifierService) ModelBundle.load(dir.resolve("sentiment"), limits);
        reference = (ImageClassifier) ModelBundle.load(dir.resolve("digits"), limits);
        digits = RenderedDigits.generate(64, 7);
    }

    @AfterAll
    void stop() {
        server.close();
        reference.close();
        sentimentReference.close();
    }

    private record Reply(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            try {
                return (Map<String, Object>) Json.parse(body);
            } catch (Json.SyntaxException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Reply send(String method, String path, String body) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        var response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static String pixelsJson(float[] pixels, Object id) {
        List<Object> values = new ArrayList<>();
        for (float p : pixels) {
            values.add((double) p);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("pixels", values);
        return Json.write(body);
    }

    private float[] image(int i) {
        return digits.inputs().select(0, i).contiguous().toFloatArray();
    }

    @Test
    void healthListsTheModels() throws Exception {
        var reply = send("GET", "/health", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("status", "ok").containsEntry("models", List.of("digits", "text", "lstm", "sentiment"));
    }

    @Test
    void concurrentClientsEachGetTheAnswerToTheirOwnImage() throws Exception {
        int clients = 16, perClient = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long batchesBefore = server.models().stream().filter(m -> m instanceof ImageClassifier)
                .mapToLong(m -> ((ImageClassifier) m).batcher().batches()).sum();
        try {
            List<Future<List<Reply>>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    List<Reply> replies = new ArrayList<>();
                    for (int r = 0; r < perClient; r++) {
                        int index = (client * perClient + r) % digits.size();
                        replies.add(send("POST", "/v1/models/digits/predict", pixelsJson(image(index), "c" + client + "-r" + r)));
                    }
                    return replies;
                }));
            }
            for (int c = 0; c < clients; c++) {
                List<Reply> replies = futures.get(c).get();
                for (int r = 0; r < perClient; r++) {
                    var reply = replies.get(r);
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    var json = reply.json();
                    assertThat(json.get("id")).isEqualTo("c" + c + "-r" + r);
                    float[] expected = reference.predictBatch(List.of(image((c * perClient + r) % digits.size()))).getFirst();
                    @SuppressWarnings("unchecked")
                    var got = (List<Double>) json.get("probabilities");
                    assertThat(got).hasSize(10);
                    for (int k = 0; k < 10; k++) {
                        // batched and single forward passes may sum in another order: float32 rounding only
                        assertThat(got.get(k)).as("client %d request %d class %d", c, r, k).isCloseTo(expected[k], within(1e-5));
                    }
                }
            }
        } finally {
            pool.shutdown();
        }
        var classifier = (ImageClassifier) server.models().getFirst();
        assertThat(classifier.batcher().batches() - batchesBefore).as("128 concurrent requests shared batches")
                .isLessThan(clients * perClient);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "POST | /v1/models/digits/predict | not json                 | 400 | invalid JSON",
            "POST | /v1/models/digits/predict | [1, 2]                   | 400 | expected a JSON object, got an array",
            "POST | /v1/models/digits/predict | {}                       | 400 | missing field \"pixels\"",
            "POST | /v1/models/digits/predict | {\"pixels\": [0.5, 0.5]}  | 400 | expected 784 numbers (1x28x28), got 2",
            "POST | /v1/models/digits/predict | {\"pixels\": [\"a\"]}     | 400 | element 0 must be a number, got the string \"a\"",
            "POST | /v1/models/digits/predict | {\"pixels\": [-3]}        | 400 | element 0 is -3.0, expected a value in [0, 1.0]",
            "POST | /v1/models/digits/predict | ``                       | 400 | empty request body",
            "GET  | /v1/models/digits/predict | ``                       | 405 | use POST",
            "POST | /health                   | {}                       | 405 | use GET",
            "POST | /v1/models/cats/predict   | {}                       | 404 | no model named \"cats\"",
            "POST | /v1/models/digits/generate| {}                       | 404 | has no action \"generate\"",
            "GET  | /nothing/here             | ``                       | 404 | no route /nothing/here",
            "POST | /v1/models/text/generate  | {\"prompt\": \"\"}         | 400 | prompt: expected 1 to 256 characters, got 0",
            "POST | /v1/models/text/generate  | {\"prompt\": \"hi\", \"max_tokens\": 9000} | 400 | \"max_tokens\" must be an integer in [1, 40], got the number 9000",
            "POST | /v1/models/text/generate  | {\"prompt\": \"hi\", \"temperature\": \"hot\"} | 400 | \"temperature\" must be a number",
            "POST | /v1/models/text/generate  | {\"prompt\": \"QQ\"}       | 400 | 'Q' (U+0051) at index 0 is not in the vocabulary",
            "POST | /v1/models/text/generate  | {\"prompt\": 5}           | 400 | \"prompt\" must be a string, got the number 5",
            "POST | /v1/models/sentiment/predict | {\"txt\": \"a\"}      | 400 | missing field \"text\"",
            "POST | /v1/models/sentiment/predict | {\"text\": \"  \"}     | 400 | text: expected 1 to 200 characters (not all blank), got 2",
            "POST | /v1/models/sentiment/generate | {}                    | 404 | it answers predict",
    })
    void badRequestsGetA4xxWhoseMessageNamesTheProblem(String method, String path, String body, int status, String message) throws Exception {
        var reply = send(method, path, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat((String) reply.json().get("error")).contains(message);
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at jgrad.");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        var reply = send("POST", "/v1/models/digits/predict", "{\"pixels\": [" + "0.5, ".repeat(MAX_BODY / 5) + "0.5]}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat((String) reply.json().get("error")).contains("over the limit of " + MAX_BODY + " bytes");
    }

    @Test
    void generationStreamsOneLinePerTokenAndMatchesTheModelRunDirectly() throws Exception {
        var reply = send("POST", "/v1/models/text/generate", "{\"prompt\": \"hello \", \"max_tokens\": 12, \"temperature\": 0}");
        assertThat(reply.status()).isEqualTo(200);
        String[] lines = reply.body().split("\n");
        assertThat(lines).hasSize(13);
        var streamed = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            streamed.append(((Map<?, ?>) Json.parse(lines[i])).get("token"));
        }
        var last = (Map<?, ?>) Json.parse(lines[12]);
        assertThat(last.get("done")).isEqualTo(true);
        assertThat(last.get("text")).isEqualTo(streamed.toString());

        int[] prompt = tokenizer.encode("hello ");
        Tensor out;
        try (var ignored = Grad.noGrad()) {
            out = gpt.generate(Tensor.of(java.util.Arrays.stream(prompt).asLongStream().toArray(), 1, prompt.length), 12,
                    Sampler.greedy(), new SplittableRandom(0));
        }
        long[] all = out.toLongArray();
        int[] generated = new int[12];
        for (int i = 0; i < 12; i++) {
            generated[i] = (int) all[prompt.length + i];
        }
        assertThat(streamed.toString()).isEqualTo(tokenizer.decode(generated));
    }

    @Test
    void concurrentTextsAreClassifiedInPaddedBatchesLikeOneByOne() throws Exception {
        List<String> texts = List.of("a fine film", "bad plot", "the film . the plot . a good film . bad bad bad bad bad", "good",
                "a bad film", "fine");
        ExecutorService pool = Executors.newFixedThreadPool(texts.size());
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < texts.size(); i++) {
                    String body = Json.write(Map.of("text", texts.get(i), "id", (long) (round * 100 + i)));
                    replies.add(pool.submit(() -> send("POST", "/v1/models/sentiment/predict", body)));
                }
            }
            for (int r = 0; r < replies.size(); r++) {
                var reply = replies.get(r).get();
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                var json = reply.json();
                int i = r % texts.size();
                assertThat(json.get("id")).isEqualTo((long) (r / texts.size() * 100 + i));
                float[] expected = sentimentReference.classifyBatch(List.of(texts.get(i))).getFirst();
                @SuppressWarnings("unchecked")
                var got = (List<Double>) json.get("probabilities");
                for (int k = 0; k < 2; k++) {
                    // padded with others in a batch, masked: the same probabilities as alone, up to float32 rounding
                    assertThat(got.get(k)).as("text \"%s\" class %d", texts.get(i), k).isCloseTo(expected[k], within(1e-5));
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theLstmStreamsTheTokensItWasAskedFor() throws Exception {
        var reply = send("POST", "/v1/models/lstm/generate", "{\"prompt\": \"a small\", \"max_tokens\": 9, \"seed\": 5}");
        assertThat(reply.status()).isEqualTo(200);
        String[] lines = reply.body().split("\n");
        assertThat(lines).hasSize(10);
        var last = (Map<?, ?>) Json.parse(lines[9]);
        assertThat(last.get("tokens")).isEqualTo(9L);
        assertThat(((String) last.get("text")).codePoints().allMatch(c -> TEXT.indexOf(c) >= 0)).as("only vocabulary characters").isTrue();
    }

    @Test
    void theSameSeedGivesTheSameSampleWithoutStreaming() throws Exception {
        String body = "{\"prompt\": \"a \", \"max_tokens\": 20, \"seed\": 42, \"stream\": false}";
        var first = send("POST", "/v1/models/text/generate", body);
        var second = send("POST", "/v1/models/text/generate", body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("tokens")).isEqualTo(20L);
        assertThat(first.json().get("text")).isEqualTo(second.json().get("text"));
    }

    @Test
    void metricsCountRequestsByStatusAndGiveLatencyPercentiles() throws Exception {
        send("POST", "/v1/models/digits/predict", pixelsJson(image(0), 1L));
        send("POST", "/v1/models/digits/predict", "{}");
        // The server counts an exchange after its answer has gone out, so the client can ask for the
        // metrics a moment before the second request is counted: poll until both are (at most 5 s).
        Map<?, ?> route = null;
        Map<?, ?> statuses = null;
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            var metrics = send("GET", "/metrics", null).json();
            route = (Map<?, ?>) ((Map<?, ?>) metrics.get("routes")).get("/v1/models/digits/predict");
            statuses = route == null ? null : (Map<?, ?>) route.get("status");
            if (statuses != null && statuses.get("200") != null && statuses.get("400") != null) {
                break;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertThat(route).as("metrics for the predict route").isNotNull();
        assertThat((Long) statuses.get("200")).isGreaterThanOrEqualTo(1);
        assertThat((Long) statuses.get("400")).isGreaterThanOrEqualTo(1);
        var latency = (Map<?, ?>) route.get("latency_ms");
        assertThat((Double) latency.get("p50")).isPositive().isLessThanOrEqualTo((Double) latency.get("p99"));
    }
}
