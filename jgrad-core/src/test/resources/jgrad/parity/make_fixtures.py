"""Writes parity.safetensors: inputs, weights, outputs and gradients of PyTorch modules that jgrad
re-implements (LSTM, GRU, MultiheadAttention, a 2-layer GPT), all in float64.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 make_fixtures.py
The safetensors file is written here with struct/json (no extra package): an 8-byte little-endian
header length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw little-endian data.
Every gradient is of  loss = sum_i sum(output_i * upstream_i)  with random upstream tensors stored
alongside, so a wrong element of any output is caught (an all-ones upstream would hide mix-ups).
"""
import json, math, os, struct
import torch, torch.nn as nn, torch.nn.functional as F
from fixture_io import record, write_safetensors

torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)
tensors = {}


def put(prefix, name, t):
    tensors[prefix + name] = t.detach().contiguous()


# LSTM: 2 layers, sequence first, with initial states.
lstm = nn.LSTM(3, 4, num_layers=2)
x = torch.randn(5, 2, 3, requires_grad=True)
h0 = torch.randn(2, 2, 4, requires_grad=True)
c0 = torch.randn(2, 2, 4, requires_grad=True)
out, (hn, cn) = lstm(x, (h0, c0))
record(tensors, "lstm.", lstm, {"x": x, "h0": h0, "c0": c0}, {"output": out, "h_n": hn, "c_n": cn})

# GRU: 2 layers, bidirectional, batch first.
gru = nn.GRU(3, 4, num_layers=2, batch_first=True, bidirectional=True)
x = torch.randn(2, 5, 3, requires_grad=True)
h0 = torch.randn(4, 2, 4, requires_grad=True)
out, hn = gru(x, h0)
record(tensors, "gru.", gru, {"x": x, "h0": h0}, {"output": out, "h_n": hn})

# MultiheadAttention: cross-attention, 2 heads, key padding mask, head-averaged weights.
mha = nn.MultiheadAttention(8, 2)
with torch.no_grad():                   # PyTorch starts the biases at zero; make them matter
    mha.in_proj_bias.normal_()
    mha.out_proj.bias.normal_()
query = torch.randn(3, 2, 8, requires_grad=True)
key = torch.randn(4, 2, 8, requires_grad=True)
value = torch.randn(4, 2, 8, requires_grad=True)
padding = torch.tensor([[False, False, True, False], [True, False, False, False]])
out, weights = mha(query, key, value, key_padding_mask=padding, need_weights=True)
put("mha.", "in.key_padding_mask", padding)
record(tensors, "mha.", mha, {"query": query, "key": key, "value": value}, {"output": out, "weights": weights})


# A 2-layer GPT: the architecture of WORKLOADS W4 (torch_ref.py), under nanoGPT's parameter names.
class CausalSelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.c_attn = nn.Linear(width, 3 * width)
        self.c_proj = nn.Linear(width, width)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        q, k, v = [z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v)]
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(c // self.heads)
        scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, c)
        return self.c_proj(y)


class Mlp(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.c_fc = nn.Linear(width, 4 * width)
        self.c_proj = nn.Linear(4 * width, width)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = CausalSelfAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = Mlp(width)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Gpt(nn.Module):
    def __init__(self, vocab, block, layers, heads, width):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(vocab, width), wpe=nn.Embedding(block, width),
            h=nn.ModuleList([Block(width, heads) for _ in range(layers)]), ln_f=nn.LayerNorm(width)))

    def forward(self, idx):
        tr = self.transformer
        x = tr.wte(idx) + tr.wpe(torch.arange(idx.shape[1]))
        for block in tr.h:
            x = block(x)
        return tr.ln_f(x) @ tr.wte.weight.t()          # tied head


gpt = Gpt(vocab=11, block=8, layers=2, heads=2, width=16)
with torch.no_grad():
    for name, p in gpt.named_parameters():
        if "ln_" in name:
            p.add_(0.1 * torch.randn_like(p))   # non-trivial layer norm affine
idx = torch.randint(0, 11, (2, 6))
targets = torch.randint(0, 11, (2, 6))
logits = gpt(idx)
loss = F.cross_entropy(logits.reshape(-1, 11), targets.reshape(-1))
put("gpt.", "in.idx", idx)
put("gpt.", "in.targets", targets)
put("gpt.", "out.logits", logits)
put("gpt.", "out.loss", loss)
for name, p in gpt.state_dict().items():
    put("gpt.", "param." + name, p)
loss.backward()
for name, p in gpt.named_parameters():
    put("gpt.", "grad.param." + name, p.grad)


write_safetensors(os.path.join(os.path.dirname(os.path.abspath(__file__)), "parity.safetensors"), tensors, "make_fixtures.py")
print("wrote", len(tensors), "tensors")
