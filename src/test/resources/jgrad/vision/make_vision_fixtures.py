"""Writes vision.safetensors: inputs, outputs and gradients of the PyTorch 1.13 operations that
jgrad's vision layers re-implement (leaky_relu, conv_transpose2d, interpolate), in float64.

Run with Debian's python3-torch:  /usr/bin/python3 make_vision_fixtures.py
Every gradient is of  loss = sum(output * upstream)  for a random upstream tensor stored beside it.
Each case stores its options as a float64 tensor "<case>.options" so the Java test reads them
instead of repeating them. The file format is safetensors (8-byte little-endian header length,
JSON header, raw little-endian data), written with struct/json only.
"""
import json, os, struct
import torch, torch.nn.functional as F

torch.manual_seed(2026)
torch.set_default_dtype(torch.float64)
tensors = {}


def case(name, fn, options, **inputs):
    """Runs fn(**inputs), stores the inputs, options, output, upstream and input gradients."""
    for key, t in inputs.items():
        if t is not None:
            t.requires_grad_(True)
            tensors[f"{name}.in.{key}"] = t.detach().clone()
    tensors[f"{name}.options"] = torch.tensor(options, dtype=torch.float64)
    out = fn(**inputs)
    upstream = torch.randn_like(out)
    (out * upstream).sum().backward()
    tensors[f"{name}.out"] = out.detach().clone()
    tensors[f"{name}.upstream"] = upstream
    for key, t in inputs.items():
        if t is not None:
            tensors[f"{name}.grad.{key}"] = t.grad.detach().clone()


# leaky_relu: options [negative_slope]
case("leaky_relu", lambda x: F.leaky_relu(x, 0.2), [0.2], x=torch.randn(3, 5))

# conv_transpose2d: options [sH, sW, pH, pW, opH, opW, dH, dW, groups]
for i, (cin, cout, k, s, p, op, d, g, bias, hw) in enumerate([
        (3, 2, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 1, True, (4, 5)),      # the usual 2x upsampling
        (4, 6, (2, 3), (3, 2), (0, 1), (2, 0), (1, 2), 2, True, (3, 4)),      # groups, rectangular everything
        (2, 3, (3, 2), (1, 1), (2, 0), (1, 0), (2, 1), 1, False, (5, 4)),     # output_padding < dilation, no bias
        (2, 2, (4, 4), (2, 2), (1, 1), (0, 0), (1, 1), 2, True, (3, 3))]):   # DCGAN's 4x4 stride 2 (depthwise)
    x = torch.randn(2, cin, *hw)
    w = torch.randn(cin, cout // g, *k)
    b = torch.randn(cout) if bias else None
    case(f"conv_transpose2d.{i}",
         lambda x, weight, bias=None: F.conv_transpose2d(x, weight, bias, s, p, op, g, d),
         [*s, *p, *op, *d, g], x=x, weight=w, bias=b)

# interpolate: options [outH, outW, scale (or 0 when sizes are given), align_corners (0/1/-1 for None)]
for i, (mode, size, scale, align, hw) in enumerate([
        ("nearest", (5, 7), None, None, (3, 4)),
        ("nearest", None, 2.0, None, (3, 4)),
        ("nearest", None, 1.5, None, (4, 5)),
        ("nearest", (2, 3), None, None, (5, 7)),
        ("bilinear", (5, 7), None, False, (3, 4)),
        ("bilinear", (5, 7), None, True, (3, 4)),
        ("bilinear", None, 2.0, False, (3, 4)),
        ("bilinear", (3, 4), None, False, (7, 9)),
        ("bilinear", (1, 4), None, True, (3, 2))]):
    x = torch.randn(2, 3, *hw)
    out_size = size if size is not None else tuple(int(v * scale) for v in hw)
    case(f"interpolate.{mode}.{i}",
         lambda x: F.interpolate(x, size=size, scale_factor=scale, mode=mode, align_corners=align),
         [*out_size, scale or 0.0, -1 if align is None else int(align)], x=x)


def write_safetensors(path, named):
    header, blobs, offset = {}, [], 0
    for name in sorted(named):
        values = named[name].detach().contiguous().reshape(-1).tolist()
        blob = struct.pack("<%dd" % len(values), *values)
        header[name] = {"dtype": "F64", "shape": list(named[name].shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {"generator": os.path.basename(__file__), "torch": torch.__version__}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    os.replace(path + ".tmp", path)


write_safetensors(os.path.join(os.path.dirname(os.path.abspath(__file__)), "vision.safetensors"), tensors)
print("wrote", len(tensors), "tensors")
