"""Writes language.safetensors: the building blocks of jgrad's language models computed by PyTorch 1.13
in float64 -- conv1d, 1-D max and average pooling, a bidirectional LSTM over a packed (variable-length)
batch, and a linear-chain CRF (written here in plain torch as the reference: forward algorithm in log
space, gold path score, Viterbi by brute force over all tag sequences).

Run with Debian's python3-torch:  /usr/bin/python3 make_language_fixtures.py
Every gradient is of  loss = sum_i sum(output_i * upstream_i)  with random upstream tensors stored
alongside (see make_fixtures.py).
"""
import itertools, os
import torch, torch.nn as nn, torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence
from fixture_io import write_safetensors

torch.manual_seed(2024)
torch.set_default_dtype(torch.float64)
tensors = {}


def put(name, t):
    tensors[name] = t.detach().contiguous()


def record(prefix, inputs, params, outputs):
    """Stores inputs, parameters, outputs, upstream gradients and the gradients of sum(output * upstream)."""
    for name, t in inputs.items():
        put(prefix + "in." + name, t)
    for name, p in params.items():
        put(prefix + "param." + name, p)
    loss = 0
    for name, out in outputs.items():
        upstream = torch.randn_like(out)
        put(prefix + "out." + name, out)
        put(prefix + "upstream." + name, upstream)
        loss = loss + (out * upstream).sum()
    loss.backward()
    for name, t in list(inputs.items()) + list(params.items()):
        if t.requires_grad:
            put(prefix + "grad." + name, t.grad)


# conv1d with every option: stride 2, padding 1, dilation 2, 2 groups.
x = torch.randn(2, 4, 11, requires_grad=True)
w = torch.randn(6, 2, 3, requires_grad=True)
b = torch.randn(6, requires_grad=True)
record("conv1d.", {"x": x}, {"weight": w, "bias": b},
       {"y": F.conv1d(x, w, b, stride=2, padding=1, dilation=2, groups=2)})

# Pooling; values a permutation of distinct numbers so that no max is a tie.
x = (torch.randperm(2 * 3 * 10).double() * 0.1).reshape(2, 3, 10).requires_grad_(True)
record("pool1d.", {"x": x}, {}, {
    "max": F.max_pool1d(x, 3, stride=2, padding=1, ceil_mode=True),
    "max_dilated": F.max_pool1d(x, 2, stride=1, dilation=3),
    "avg": F.avg_pool1d(x, 3, stride=2, padding=1, ceil_mode=False, count_include_pad=False),
    "avg_with_pad": F.avg_pool1d(x, 4, stride=3, padding=2, ceil_mode=True, count_include_pad=True),
})

# Bidirectional LSTM over a packed batch of lengths 5, 2, 4 (not sorted: enforce_sorted=False).
lstm = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
x = torch.randn(3, 5, 3, requires_grad=True)
lengths = torch.tensor([5, 2, 4])
packed, (h_n, _) = lstm(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
output, _ = pad_packed_sequence(packed, batch_first=True, total_length=5)
put("bilstm.in.lengths", lengths)
record("bilstm.", {"x": x}, dict(lstm.named_parameters()),
       {"output": output, "last": torch.cat([h_n[0], h_n[1]], dim=1)})


# Linear-chain CRF, the reference formulas.
def crf_log_partition(emissions, lengths, start, end, transitions):
    batch, steps, k = emissions.shape
    alpha = start + emissions[:, 0]
    for t in range(1, steps):
        scores = alpha.unsqueeze(2) + transitions.unsqueeze(0) + emissions[:, t].unsqueeze(1)
        alpha = torch.where((t < lengths).unsqueeze(1), torch.logsumexp(scores, dim=1), alpha)
    return torch.logsumexp(alpha + end, dim=1)


def crf_score(emissions, tags, lengths, start, end, transitions):
    rows = []
    for b in range(emissions.shape[0]):
        n = int(lengths[b])
        y = tags[b, :n]
        s = start[y[0]] + end[y[n - 1]] + emissions[b, torch.arange(n), y].sum()
        rows.append(s + transitions[y[:-1], y[1:]].sum())
    return torch.stack(rows)


def crf_viterbi_brute_force(emissions, lengths, start, end, transitions):
    """The best path by trying all K^n paths: slow, obviously right, so it checks jgrad's Viterbi."""
    paths = []
    for b in range(emissions.shape[0]):
        n = int(lengths[b])
        best = max(itertools.product(range(emissions.shape[2]), repeat=n),
                   key=lambda y: float(crf_score(emissions[b:b + 1], torch.tensor([list(y)]), torch.tensor([n]),
                                                 start, end, transitions)))
        paths.append(list(best) + [0] * (emissions.shape[1] - n))
    return torch.tensor(paths)


k = 4
emissions = torch.randn(3, 5, k, requires_grad=True)
tags = torch.randint(0, k, (3, 5))
lengths = torch.tensor([5, 3, 1])
start = (torch.rand(k) * 0.2 - 0.1).requires_grad_(True)
end = (torch.rand(k) * 0.2 - 0.1).requires_grad_(True)
transitions = torch.randn(k, k).requires_grad_(True)
put("crf.in.tags", tags)
put("crf.in.lengths", lengths)
put("crf.out.viterbi", crf_viterbi_brute_force(emissions.detach(), lengths, start.detach(), end.detach(),
                                               transitions.detach()))
log_likelihood = crf_score(emissions, tags, lengths, start, end, transitions) \
    - crf_log_partition(emissions, lengths, start, end, transitions)
record("crf.", {"emissions": emissions},
       {"start_transitions": start, "end_transitions": end, "transitions": transitions},
       {"log_likelihood": log_likelihood})

write_safetensors(os.path.join(os.path.dirname(os.path.abspath(__file__)), "language.safetensors"), tensors,
                  "make_language_fixtures.py")
print("wrote", len(tensors), "tensors")
