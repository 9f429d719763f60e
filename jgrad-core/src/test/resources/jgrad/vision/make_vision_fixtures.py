"""Writes vision.safetensors: inputs, outputs and gradients of the PyTorch 1.13 operations that
jgrad's vision layers re-implement (leaky_relu, conv_transpose2d, interpolate), in float64, and
torchvision's box_iou, nms and batched_nms on random boxes (kept indices stored as float64).

Run with Debian's python3-torch:  /usr/bin/python3 make_vision_fixtures.py
Every gradient is of  loss = sum(output * upstream)  for a random upstream tensor stored beside it.
Each case stores its options as a float64 tensor "<case>.options" so the Java test reads them
instead of repeating them. The safetensors file is written by ../parity/fixture_io.py.
"""
import os, sys
import torch, torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parity"))
from fixture_io import write_safetensors  # noqa: E402  (the shared writer beside the other fixture scripts)

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

# torchvision.ops: 30 boxes in a 40x40 field with many overlaps, distinct random scores, 3 categories.
corners = torch.rand(30, 2) * 30
boxes = torch.cat([corners, corners + 4 + torch.rand(30, 2) * 12], dim=1)
scores = torch.rand(30)
idxs = torch.randint(0, 3, (30,))
tensors["boxes.boxes"] = boxes
tensors["boxes.scores"] = scores
tensors["boxes.idxs"] = idxs.double()
tensors["boxes.box_iou"] = torchvision.ops.box_iou(boxes[:12], boxes[12:])
for threshold in (0.1, 0.3, 0.5, 0.7):
    tensors[f"boxes.nms.{threshold}"] = torchvision.ops.nms(boxes, scores, threshold).double()
    tensors[f"boxes.batched_nms.{threshold}"] = torchvision.ops.batched_nms(boxes, scores, idxs, threshold).double()


here = os.path.dirname(os.path.abspath(__file__))
write_safetensors(os.path.join(here, "vision.safetensors"), {k: v.detach().contiguous() for k, v in tensors.items()},
                  os.path.basename(__file__))
print("wrote", len(tensors), "tensors")
