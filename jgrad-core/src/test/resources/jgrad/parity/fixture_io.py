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
