"""Writes pretrained.safetensors: small random BERT and GPT-2 models in Hugging Face's layout and
parameter names, built here in plain PyTorch (the `transformers` package is not needed), with
their inputs, outputs and gradients, all in float64. PyTorchParityTest-style tests in
jgrad.models.PretrainedParityTest load the checkpoints through HuggingFaceCheckpoints and compare.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 make_pretrained_fixtures.py

Layouts written (each under its own prefix, parameters under "<prefix>param."):
  bert_cls.  BertForSequenceClassification: bert.embeddings.*, bert.encoder.layer.N.*, bert.pooler.*,
             classifier.*; exact GELU, post-LN, LayerNorm eps 1e-12, attention mask added as
             (1 - mask) * finfo.min as Hugging Face does.
  bert_mlm.  BertForMaskedLM in the old TensorFlow-converted naming (LayerNorm.gamma / beta), with the
             tied cls.predictions.decoder.weight and decoder.bias that Hugging Face state dicts list.
  gpt2.      GPT2Model names without "transformer." (h.N.attn.c_attn.weight, wte, wpe, ln_f) as the
             hub's gpt2/model.safetensors has them: Conv1D weights stored (in, out), the causal-mask
             buffer h.N.attn.bias, GELU with the tanh approximation ("gelu_new"), head tied to wte.
Gradients are of  loss = sum(output * upstream)  with random upstream tensors stored alongside.
"""
import json, math, os, struct
import torch, torch.nn as nn, torch.nn.functional as F

torch.manual_seed(2024)
torch.set_default_dtype(torch.float64)
tensors = {}


def put(name, t):
    tensors[name] = t.detach().contiguous()


def randomize(module, std=0.5):
    """Weights far from their usual tiny init, so every term matters; LayerNorm affine near (1, 0)."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if "LayerNorm" in name or ".ln_" in name or name.startswith("ln_"):
                p.copy_((1.0 if name.endswith(("weight", "gamma")) else 0.0) + 0.2 * torch.randn_like(p))
            else:
                p.normal_(0, std)


def record(prefix, module, state, inputs, outputs):
    for name, t in inputs.items():
        put(prefix + "in." + name, t)
    for name, t in state.items():
        put(prefix + "param." + name, t)
    loss = 0
    for name, out in outputs.items():
        upstream = torch.randn_like(out)
        put(prefix + "out." + name, out)
        put(prefix + "upstream." + name, upstream)
        loss = loss + (out * upstream).sum()
    loss.backward()
    for name, p in module.named_parameters():
        put(prefix + "grad." + name, p.grad)


# ---------------------------------------------------------------------------------------------
# BERT, Hugging Face names
# ---------------------------------------------------------------------------------------------
class Config:
    vocab_size, hidden_size, layers, heads, intermediate = 23, 8, 2, 2, 16
    max_positions, type_vocab, eps, pad = 10, 2, 1e-12, 0


class BertSelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads = c.heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, x, mask):
        b, t, c = x.shape
        q, k, v = [z(x).view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (self.query, self.key, self.value)]
        scores = q @ k.transpose(-1, -2) / math.sqrt(c // self.heads) + mask
        return (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, c)


class BertSublayerOutput(nn.Module):         # BertSelfOutput and BertOutput
    def __init__(self, inner, c):
        super().__init__()
        self.dense = nn.Linear(inner, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.eps)

    def forward(self, h, residual):
        return self.LayerNorm(self.dense(h) + residual)


class BertAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = BertSelfAttention(c)
        self.output = BertSublayerOutput(c.hidden_size, c)

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class BertIntermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate)

    def forward(self, x):
        return F.gelu(self.dense(x))


class BertLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = BertAttention(c)
        self.intermediate = BertIntermediate(c)
        self.output = BertSublayerOutput(c.intermediate, c)

    def forward(self, x, mask):
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class BertEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer(c) for _ in range(c.layers)])


class BertEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad)
        self.position_embeddings = nn.Embedding(c.max_positions, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.eps)
        self.register_buffer("position_ids", torch.arange(c.max_positions).unsqueeze(0))

    def forward(self, ids, types):
        x = self.word_embeddings(ids) + self.position_embeddings(self.position_ids[:, :ids.shape[1]]) \
            + self.token_type_embeddings(types)
        return self.LayerNorm(x)


class BertPooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)

    def forward(self, h):
        return torch.tanh(self.dense(h[:, 0]))


class BertModel(nn.Module):
    def __init__(self, c, pooler):
        super().__init__()
        self.embeddings = BertEmbeddings(c)
        self.encoder = BertEncoder(c)
        self.pooler = BertPooler(c) if pooler else None

    def forward(self, ids, types, mask):
        extended = (1.0 - mask[:, None, None, :].to(torch.float64)) * torch.finfo(torch.float64).min
        x = self.embeddings(ids, types)
        for layer in self.encoder.layer:
            x = layer(x, extended)
        return x, (self.pooler(x) if self.pooler is not None else None)


class BertForSequenceClassification(nn.Module):
    def __init__(self, c, labels):
        super().__init__()
        self.bert = BertModel(c, True)
        self.classifier = nn.Linear(c.hidden_size, labels)

    def forward(self, ids, types, mask):
        hidden, pooled = self.bert(ids, types, mask)
        return self.classifier(pooled), hidden, pooled


class BertPredictionHeadTransform(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.eps)


class BertLMPredictionHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.transform = BertPredictionHeadTransform(c)
        self.decoder = nn.Linear(c.hidden_size, c.vocab_size, bias=False)
        self.bias = nn.Parameter(torch.zeros(c.vocab_size))
        self.decoder.bias = self.bias


class BertOnlyMLMHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.predictions = BertLMPredictionHead(c)


class BertForMaskedLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.bert = BertModel(c, False)
        self.cls = BertOnlyMLMHead(c)
        self.cls.predictions.decoder.weight = self.bert.embeddings.word_embeddings.weight    # tied

    def forward(self, ids, types, mask):
        hidden, _ = self.bert(ids, types, mask)
        t = self.cls.predictions.transform
        return self.cls.predictions.decoder(t.LayerNorm(F.gelu(t.dense(hidden))))


c = Config()
ids = torch.tensor([[2, 5, 9, 14, 3, 7, 3], [2, 11, 20, 3, 0, 0, 0]])
types = torch.tensor([[0, 0, 0, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0, 0]])
mask = torch.tensor([[1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 0, 0, 0]])

cls_model = BertForSequenceClassification(c, 3)
randomize(cls_model)
with torch.no_grad():
    cls_model.bert.embeddings.word_embeddings.weight[c.pad].zero_()
logits, hidden, pooled = cls_model(ids, types, mask)
state = dict(cls_model.state_dict())
record("bert_cls.", cls_model, state, {"input_ids": ids, "token_type_ids": types, "attention_mask": mask},
       {"logits": logits, "last_hidden_state": hidden, "pooler_output": pooled})

mlm = BertForMaskedLM(c)
randomize(mlm)
logits = mlm(ids, types, mask)
old_names = {k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta"): v
             for k, v in mlm.state_dict().items()}
record("bert_mlm.", mlm, old_names, {"input_ids": ids, "token_type_ids": types, "attention_mask": mask},
       {"logits": logits})


# ---------------------------------------------------------------------------------------------
# GPT-2, Hugging Face names (GPT2Model without "transformer.")
# ---------------------------------------------------------------------------------------------
class Conv1D(nn.Module):
    """GPT-2's linear layer: weight (in, out), y = x W + b."""
    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(n_in, n_out))
        self.bias = nn.Parameter(torch.randn(n_out))

    def forward(self, x):
        return x @ self.weight + self.bias


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class GPT2Attention(nn.Module):
    def __init__(self, width, heads, positions):
        super().__init__()
        self.heads = heads
        self.c_attn = Conv1D(width, 3 * width)
        self.c_proj = Conv1D(width, width)
        self.register_buffer("bias", torch.tril(torch.ones(positions, positions)).view(1, 1, positions, positions))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        q, k, v = [z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v)]
        scores = q @ k.transpose(-1, -2) / math.sqrt(c // self.heads)
        causal = self.bias[:, :, :t, :t].bool()
        scores = torch.where(causal, scores, torch.tensor(torch.finfo(scores.dtype).min))
        return self.c_proj((scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, c))


class GPT2MLP(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c_fc = Conv1D(width, 4 * width)
        self.c_proj = Conv1D(4 * width, width)

    def forward(self, x):
        return self.c_proj(gelu_new(self.c_fc(x)))


class GPT2Block(nn.Module):
    def __init__(self, width, heads, positions):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width, eps=1e-5)
        self.attn = GPT2Attention(width, heads, positions)
        self.ln_2 = nn.LayerNorm(width, eps=1e-5)
        self.mlp = GPT2MLP(width)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT2Model(nn.Module):
    def __init__(self, vocab, positions, layers, heads, width):
        super().__init__()
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(positions, width)
        self.h = nn.ModuleList([GPT2Block(width, heads, positions) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(width, eps=1e-5)

    def forward(self, idx):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for block in self.h:
            x = block(x)
        return self.ln_f(x) @ self.wte.weight.t()                  # GPT2LMHeadModel's tied lm_head


# vocabulary of 34 = jgrad's tiny GPT-2 tokenizer fixture (jgrad-core/src/test/resources/jgrad/text/tiny-gpt2-*)
gpt2 = GPT2Model(vocab=34, positions=12, layers=2, heads=2, width=8)
randomize(gpt2)
idx = torch.tensor([[21, 26, 0, 5, 17], [3, 3, 30, 12, 1]])
logits = gpt2(idx)
record("gpt2.", gpt2, dict(gpt2.state_dict()), {"idx": idx}, {"logits": logits})

# greedy continuation of "hello world!" (ids 21 26 0 with the tiny tokenizer, worked out by hand in Gpt2FilesTest)
with torch.no_grad():
    sequence = torch.tensor([[21, 26, 0]])
    for _ in range(6):
        sequence = torch.cat([sequence, gpt2(sequence)[:, -1].argmax(-1, keepdim=True)], 1)
put("gpt2.generated", sequence)


def write_safetensors(path, named):
    kinds = {torch.float64: ("F64", "d"), torch.int64: ("I64", "q")}
    header, blobs, offset = {}, [], 0
    for name in sorted(named):
        t = named[name]
        code, fmt = kinds[t.dtype]
        values = t.reshape(-1).tolist()
        blob = struct.pack("<%d%s" % (len(values), fmt), *values)
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {"generator": "make_pretrained_fixtures.py", "torch": torch.__version__}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    os.replace(path + ".tmp", path)


write_safetensors(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pretrained.safetensors"), tensors)
print("wrote", len(tensors), "tensors")
