package jgrad.serve;

import jgrad.Grad;
import jgrad.Tensor;
import jgrad.models.CharLSTM;
import jgrad.models.GPT;
import jgrad.nn.HiddenState;
import jgrad.nn.Module;
import jgrad.text.CharTokenizer;
import jgrad.text.Sampler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Serves a character-level language model ({@link GPT} or {@link CharLSTM}) that continues a prompt.
 *
 * <p>Request: {@code {"prompt": "Once", "max_tokens": 100, "temperature": 0.8, "top_k": 10, "seed": 1}}
 * (all but the prompt optional; temperature 0 is greedy). The server streams one JSON line per
 * token as it is drawn, then a final line with the whole text.
 *
 * <p>Generations run one at a time (the model is not shared between threads); at most
 * {@code maxWaiting} more wait their turn, further ones are refused with 429.
 */
public final class TextGenerator implements ServedModel {
    private final String name;
    private final Module model;
    private final CharTokenizer tokenizer;
    private final int maxTokens;
    private final int maxPromptChars;
    private final int maxWaiting;
    private final Semaphore turn = new Semaphore(1, true);
    private final AtomicInteger waiting = new AtomicInteger();

    /** One checked request. */
    record Request(int[] prompt, int maxTokens, Sampler sampler, long seed, boolean stream) {
    }

    public TextGenerator(String name, Module model, CharTokenizer tokenizer, int maxTokens, int maxPromptChars, int maxWaiting) {
        if (!(model instanceof GPT) && !(model instanceof CharLSTM)) {
            throw new IllegalArgumentException("TextGenerator(" + name + "): expected a GPT or CharLSTM, got " + model.getClass().getSimpleName());
        }
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.maxPromptChars = maxPromptChars;
        this.maxWaiting = maxWaiting;
        model.eval();
    }

    @Override
    public String name() {
        return name;
    }

    /** Checks a request; an {@link IllegalArgumentException} names the field and what it must be. */
    Request parse(Fields request) {
        String prompt = request.string("prompt");
        if (prompt.isEmpty() || prompt.length() > maxPromptChars) {
            throw new IllegalArgumentException("prompt: expected 1 to " + maxPromptChars + " characters, got " + prompt.length());
        }
        int[] ids;
        try {
            ids = tokenizer.encode(prompt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("prompt: " + e.getMessage().replace("CharTokenizer.encode: ", ""));
        }
        int tokens = (int) request.integer("max_tokens", 1, maxTokens, Math.min(100, maxTokens));
        var sampler = new Sampler().withTemperature(request.number("temperature", 0, 10, 1.0));
        if (request.has("top_k")) {
            sampler = sampler.withTopK((int) request.integer("top_k", 1, tokenizer.vocabSize()));
        }
        long seed = request.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, System.nanoTime());
        return new Request(ids, tokens, sampler, seed, request.bool("stream", true));
    }

    /**
     * Runs one generation, calling {@code onToken} with each new token id as it is drawn.
     *
     * @throws HttpError 429 when {@code maxWaiting} generations already wait for their turn
     */
    void generate(Request request, IntConsumer onToken) throws InterruptedException {
        if (waiting.incrementAndGet() > maxWaiting + 1) {
            waiting.decrementAndGet();
            throw new HttpError(429, name + ": overloaded, " + maxWaiting + " generations already waiting; retry later");
        }
        try {
            turn.acquire();
            try {
                var generator = new SplittableRandom(request.seed());
                try (var ignored = Grad.noGrad()) {
                    Tensor prompt = Tensor.of(java.util.Arrays.stream(request.prompt()).asLongStream().toArray(), 1, request.prompt().length);
                    switch (model) {
                        case GPT gpt -> gpt.generate(prompt, request.maxTokens(), request.sampler(), generator, onToken);
                        case CharLSTM lstm -> generate(lstm, prompt, request.maxTokens(), request.sampler(), generator, onToken);
                        default -> throw new IllegalStateException("unreachable: checked in the constructor");
                    }
                }
            } finally {
                turn.release();
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The LSTM reads the prompt once, then one token a step, carrying its state. */
    private static void generate(CharLSTM lstm, Tensor prompt, int maxTokens, Sampler sampler, SplittableRandom generator,
                                 IntConsumer onToken) {
        Tensor input = prompt;                    // (1, T), then (1, 1)
        HiddenState state = null;
        for (int step = 0; step < maxTokens; step++) {
            var out = lstm.forward(input, state);
            state = out.state();
            Tensor logits = out.output().select(1, out.output().size(1) - 1);   // (1, V)
            int next = sampler.sample(logits, generator)[0];
            onToken.accept(next);
            input = Tensor.of(new long[] {next}, 1, 1);
        }
    }

    CharTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("task", "text-generation");
        out.put("model", model.getClass().getSimpleName());
        out.put("input", "prompt: 1 to " + maxPromptChars + " characters of the vocabulary; max_tokens <= " + maxTokens);
        out.put("vocabulary", tokenizer.vocabulary());
        return out;
    }

    @Override
    public void close() {
    }
}
