"""Writes float64 / int64 / bool tensors as a safetensors file with struct and json only (torch 1.13 has
no safetensors package): an 8-byte little-endian header length, a JSON header
{name: {dtype, shape, data_offsets}}, then the raw little-endian data. Shared by the fixture scripts here."""
import json, os, struct
import torch


def write_safetensors(path, named, generator):
    kinds = {torch.float64: ("F64", "<d"), torch.int64: ("I64", "<q"), torch.bool: ("BOOL", "<?")}
    header, blobs, offset = {}, [], 0
    for name in sorted(named):
        t = named[name]
        code, fmt = kinds[t.dtype]
        values = t.reshape(-1).tolist()
        blob = struct.pack("<%d%s" % (len(values), fmt[1]), *values)
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    header["__metadata__"] = {"generator": generator, "torch": torch.__version__}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    os.replace(path + ".tmp", path)


def record(tensors, prefix, module, inputs, outputs):
    """Stores into tensors the inputs, weights, outputs, upstream gradients and the gradients of
    loss = sum_i sum(output_i * upstream_i), under names prefix + "in.x", "param.weight", "out.y",
    "upstream.y", "grad.in.x", "grad.param.weight"."""
    def put(name, t):
        tensors[prefix + name] = t.detach().contiguous()
    for name, t in inputs.items():
        put("in." + name, t)
    for name, p in module.state_dict().items():
        put("param." + name, p)
    loss = 0
    for name, out in outputs.items():
        upstream = torch.randn_like(out)
        put("out." + name, out)
        put("upstream." + name, upstream)
        loss = loss + (out * upstream).sum()
    loss.backward()
    for name, t in inputs.items():
        if t.requires_grad:
            put("grad.in." + name, t.grad)
    for name, p in module.named_parameters():
        put("grad.param." + name, p.grad)
