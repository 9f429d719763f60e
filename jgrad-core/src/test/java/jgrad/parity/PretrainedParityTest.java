package jgrad.parity;

import static jgrad.parity.PyTorchParityTest.compare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.Safetensors;
import jgrad.models.BertConfig;
import jgrad.models.BertForMaskedLM;
import jgrad.models.BertForSequenceClassification;
import jgrad.models.BertModel;
import jgrad.models.GPT;
import jgrad.models.HuggingFaceCheckpoints;
import jgrad.nn.Module;
import jgrad.text.BpeTokenizer;
import jgrad.text.Sampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hugging Face layouts against PyTorch: {@code pretrained.safetensors} (written by
 * {@code make_pretrained_fixtures.py}) holds small random BERT and GPT-2 checkpoints under Hugging
 * Face's names, built in plain PyTorch 1.13, with inputs, outputs and the gradients of
 * {@code sum(output * upstream)}. Each test loads the checkpoint through
 * {@link HuggingFaceCheckpoints}, checks the load report, and compares outputs and every parameter
 * gradient. Tolerance 1e-10 absolute in float64: the same formulas in double, summed in another order.
 */
class PretrainedParityTest {
    private static final double FLOAT64_TOLERANCE = 1e-10;
    private static final BertConfig BERT = new BertConfig(23, 8, 2, 2, 16, 0.0, 0.0, 10, 2, 1e-12, 0, 0.02);
    private static Map<String, Tensor> fixture;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixture = Safetensors.load(resource("/jgrad/parity/pretrained.safetensors"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(PretrainedParityTest.class.getResource(name).toURI());
    }

    private static Map<String, Tensor> withPrefix(String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        fixture.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }

    /** backward of sum(output * upstream) over the outputs; returns the worst output difference. */
    private static double compareOutputsAndBackward(String model, Map<String, Tensor> outputs) {
        double worst = 0;
        Tensor loss = null;
        for (var entry : outputs.entrySet()) {
            worst = Math.max(worst, compare(model + " " + entry.getKey(), entry.getValue(),
                    fixture.get(model + ".out." + entry.getKey()), FLOAT64_TOLERANCE));
            Tensor term = entry.getValue().mul(fixture.get(model + ".upstream." + entry.getKey())).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        return worst;
    }

    private static void report(String model, double worst) {
        System.out.printf(Locale.ROOT, "parity %-26s max |jgrad - PyTorch| = %.3e%n", model, worst);
    }

    @Test
    void bertForSequenceClassificationWithPaddingAndPairsMatchesPyTorch() {
        var model = new BertForSequenceClassification(BERT, 3, new SplittableRandom(0));
        model.to(DType.FLOAT64).eval();
        var loaded = HuggingFaceCheckpoints.loadBert(model, withPrefix("bert_cls.param."));
        assertThat(loaded.missing()).as(loaded.describe()).isEmpty();
        assertThat(loaded.unexpected()).as(loaded.describe()).isEmpty();
        assertThat(loaded.skipped()).containsExactly("bert.embeddings.position_ids");

        var out = model.bert().forward(fixture.get("bert_cls.in.input_ids"), fixture.get("bert_cls.in.token_type_ids"),
                fixture.get("bert_cls.in.attention_mask"));
        Tensor logits = model.getSubmodule("classifier").forward(out.poolerOutput());
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        outputs.put("logits", logits);
        outputs.put("last_hidden_state", out.lastHiddenState());
        outputs.put("pooler_output", out.poolerOutput());
        double worst = compareOutputsAndBackward("bert_cls", outputs);
        worst = Math.max(worst, compareGradients("bert_cls", model, Map.of()));
        report("bert classifier (float64)", worst);
        assertThat(model.forward(fixture.get("bert_cls.in.input_ids"), fixture.get("bert_cls.in.token_type_ids"),
                fixture.get("bert_cls.in.attention_mask")).toDoubleArray()).containsExactly(logits.toDoubleArray());
    }

    @Test
    void bertForMaskedLmLoadsOldNamesAndTiedDecoderAndMatchesPyTorch() {
        var model = new BertForMaskedLM(BERT, new SplittableRandom(0));
        model.to(DType.FLOAT64).eval();
        var loaded = HuggingFaceCheckpoints.loadBert(model, withPrefix("bert_mlm.param."));
        assertThat(loaded.missing()).as(loaded.describe()).isEmpty();
        assertThat(loaded.unexpected()).as(loaded.describe()).isEmpty();
        assertThat(loaded.skipped()).containsExactlyInAnyOrder("bert.embeddings.position_ids",
                "cls.predictions.decoder.weight", "cls.predictions.decoder.bias");
        Tensor logits = model.forward(fixture.get("bert_mlm.in.input_ids"), fixture.get("bert_mlm.in.token_type_ids"),
                fixture.get("bert_mlm.in.attention_mask"));
        double worst = compareOutputsAndBackward("bert_mlm", Map.of("logits", logits));
        worst = Math.max(worst, compareGradients("bert_mlm", model, Map.of()));
        report("bert masked LM (float64)", worst);
    }

    @Test
    void bareBertCheckpointLoadsIntoClassifierAndReportsTheNewHead() {
        Map<String, Tensor> bare = new LinkedHashMap<>();
        withPrefix("bert_cls.param.").forEach((name, t) -> {
            if (name.startsWith("bert.")) bare.put(name.substring(5), t);
        });
        bare.put("cls.seq_relationship.weight", Tensor.zeros(DType.FLOAT64, 2, 8));
        var model = new BertForSequenceClassification(BERT, 5, new SplittableRandom(0));
        var loaded = HuggingFaceCheckpoints.loadBert(model, bare);
        assertThat(loaded.missing()).containsExactly("classifier.weight", "classifier.bias");
        assertThat(loaded.unexpected()).containsExactly("cls.seq_relationship.weight");
        assertThat(loaded.describe()).contains("missing (kept as initialised): classifier.weight, classifier.bias")
                .contains("unexpected (ignored): cls.seq_relationship.weight");
        // and the other way: a classifier checkpoint into a bare encoder drops the prefix and leaves the head out
        var encoder = new BertModel(BERT, true, new SplittableRandom(0));
        var intoEncoder = HuggingFaceCheckpoints.loadBert(encoder, withPrefix("bert_cls.param."));
        assertThat(intoEncoder.missing()).isEmpty();
        assertThat(intoEncoder.unexpected()).containsExactlyInAnyOrder("classifier.weight", "classifier.bias");
    }

    @Test
    void wrongShapesAreAnErrorNamingTheKey() {
        var model = new BertForSequenceClassification(BERT.withDropout(0.1), 3, new SplittableRandom(0));
        Map<String, Tensor> state = withPrefix("bert_cls.param.");
        state.put("bert.pooler.dense.weight", Tensor.zeros(DType.FLOAT64, 8, 7));
        assertThatThrownBy(() -> HuggingFaceCheckpoints.loadBert(model, state))
                .hasMessageContaining("bert.pooler.dense.weight").hasMessageContaining("(8, 7)");
    }

    private static GPT loadedGpt2() {
        var gpt = new GPT(new GPT.Config(12, 34, 2, 2, 8, 0.0, true, "tanh"), new SplittableRandom(0));
        gpt.to(DType.FLOAT64).eval();
        var loaded = HuggingFaceCheckpoints.loadGpt2(gpt, withPrefix("gpt2.param."));
        assertThat(loaded.missing()).as(loaded.describe()).isEmpty();
        assertThat(loaded.unexpected()).as(loaded.describe()).isEmpty();
        assertThat(loaded.skipped()).containsExactlyInAnyOrder("h.0.attn.bias", "h.1.attn.bias");
        return gpt;
    }

    @Test
    void gpt2LayoutWithTransposedConv1dWeightsAndTanhGeluMatchesPyTorch() {
        GPT gpt = loadedGpt2();
        double worst = compareOutputsAndBackward("gpt2", Map.of("logits", gpt.forward(fixture.get("gpt2.in.idx"))));
        // Hugging Face names without "transformer."; Conv1D gradients are (in, out), the transpose of ours
        Map<String, String> names = new LinkedHashMap<>();
        gpt.namedParameters().keySet().forEach(name -> names.put(name, name.substring("transformer.".length())));
        worst = Math.max(worst, compareGradients("gpt2", gpt, names));
        report("gpt2 layout (float64)", worst);
    }

    @Test
    void gpt2GeneratesPyTorchsGreedyContinuationWithTheBpeFiles() throws Exception {
        GPT gpt = loadedGpt2();
        var tokenizer = BpeTokenizer.fromGpt2Files(resource("/jgrad/text/tiny-gpt2-vocab.json"),
                resource("/jgrad/text/tiny-gpt2-merges.txt"));
        int[] prompt = tokenizer.encode("hello world!");
        long[] prefix = new long[prompt.length];
        for (int i = 0; i < prompt.length; i++) prefix[i] = prompt[i];
        Tensor generated = gpt.generate(Tensor.of(prefix, 1, prefix.length), 6, Sampler.greedy(), new SplittableRandom(0));
        long[] expected = fixture.get("gpt2.generated").toLongArray();
        assertThat(generated.toLongArray()).containsExactly(expected);
        int[] ids = java.util.Arrays.stream(generated.toLongArray()).mapToInt(v -> (int) v).toArray();
        assertThat(tokenizer.decode(ids)).startsWith("hello world!");
    }

    /**
     * Every parameter's gradient against the fixture's {@code <model>.grad.<name>}; {@code names}
     * maps jgrad names to the fixture's where they differ. 2-D GPT-2 Conv1D gradients are compared transposed.
     */
    private static double compareGradients(String model, Module module, Map<String, String> names) {
        double worst = 0;
        for (var entry : module.namedParameters().entrySet()) {
            String name = names.getOrDefault(entry.getKey(), entry.getKey());
            Tensor expected = fixture.get(model + ".grad." + name);
            assertThat(expected).as("fixture gradient of " + name).isNotNull();
            Tensor actual = entry.getValue().grad();
            if (model.equals("gpt2") && name.matches("h\\.\\d+\\.(attn|mlp)\\.c_\\w+\\.weight")) {
                actual = actual.t();
            }
            worst = Math.max(worst, compare(model + " grad " + name, actual, expected, FLOAT64_TOLERANCE));
        }
        return worst;
    }
}
