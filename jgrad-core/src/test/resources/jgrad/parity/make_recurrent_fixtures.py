"""Writes recurrent.safetensors: inputs, weights, outputs and gradients of PyTorch's nn.RNN (tanh
and ReLU) and a GRU without biases, in float64, for the fused float32 recurrent layers' parity
tests (the LSTM and a biased GRU are in parity.safetensors, written by make_fixtures.py).

Run with Debian's python3-torch (1.13):  /usr/bin/python3 make_recurrent_fixtures.py
Every gradient is of  loss = sum_i sum(output_i * upstream_i)  with random upstream tensors stored
alongside (see make_fixtures.py).
"""
import os
import torch, torch.nn as nn
from fixture_io import record, write_safetensors

torch.manual_seed(2026)
torch.set_default_dtype(torch.float64)
tensors = {}


# RNN, tanh: 2 layers, bidirectional, sequence first, with an initial state.
rnn = nn.RNN(3, 5, num_layers=2, bidirectional=True)
x = torch.randn(6, 2, 3, requires_grad=True)
h0 = torch.randn(4, 2, 5, requires_grad=True)
out, hn = rnn(x, h0)
record(tensors, "rnn_tanh.", rnn, {"x": x, "h0": h0}, {"output": out, "h_n": hn})

# RNN, ReLU: 2 layers, batch first.
rnn = nn.RNN(3, 5, num_layers=2, nonlinearity="relu", batch_first=True)
x = torch.randn(2, 6, 3, requires_grad=True)
h0 = torch.randn(2, 2, 5, requires_grad=True)
out, hn = rnn(x, h0)
record(tensors, "rnn_relu.", rnn, {"x": x, "h0": h0}, {"output": out, "h_n": hn})

# GRU without biases, one layer, reverse direction included.
gru = nn.GRU(3, 5, bias=False, bidirectional=True)
x = torch.randn(6, 2, 3, requires_grad=True)
h0 = torch.randn(2, 2, 5, requires_grad=True)
out, hn = gru(x, h0)
record(tensors, "gru_nobias.", gru, {"x": x, "h0": h0}, {"output": out, "h_n": hn})

write_safetensors(os.path.join(os.path.dirname(os.path.abspath(__file__)), "recurrent.safetensors"), tensors,
                  "make_recurrent_fixtures.py")
