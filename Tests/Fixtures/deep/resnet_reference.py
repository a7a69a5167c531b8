"""Reference pieces shared by the deep-feature fixture and benchmark scripts.

Everything here is independent of Sentinel's Swift code: the ResNet18 graph is built with
onnx.helper from torchvision's state_dict key names and run by onnxruntime (which applies
its own batch-norm handling), and the preprocessing follows PyTorch's documented arithmetic.
"""
import json
import struct

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
import onnxruntime as ort

BN_SUFFIXES = ["weight", "bias", "running_mean", "running_var"]


def expected_shapes(base=64):
    """torchvision resnet18 state_dict keys (without fc / num_batches_tracked), network order."""
    out = [("conv1.weight", [base, 3, 7, 7])] + [(f"bn1.{s}", [base]) for s in BN_SUFFIXES]
    cin = base
    for stage in range(1, 5):
        w = base << (stage - 1)
        for block in range(2):
            p = f"layer{stage}.{block}"
            bin_ = cin if block == 0 else w
            out.append((f"{p}.conv1.weight", [w, bin_, 3, 3]))
            out += [(f"{p}.bn1.{s}", [w]) for s in BN_SUFFIXES]
            out.append((f"{p}.conv2.weight", [w, w, 3, 3]))
            out += [(f"{p}.bn2.{s}", [w]) for s in BN_SUFFIXES]
            if stage > 1 and block == 0:
                out.append((f"{p}.downsample.0.weight", [w, bin_, 1, 1]))
                out += [(f"{p}.downsample.1.{s}", [w]) for s in BN_SUFFIXES]
        cin = w
    return out


# ---- safetensors (format spec: https://github.com/huggingface/safetensors) -------------------
def to_bytes(arr, dtype):
    arr = np.ascontiguousarray(arr)
    if dtype == "F32":
        return arr.astype("<f4").tobytes()
    if dtype == "F16":
        return arr.astype("<f2").tobytes()
    if dtype == "F64":
        return arr.astype("<f8").tobytes()
    if dtype == "BF16":  # round to nearest even on the top 16 bits
        bits = arr.astype("<f4").view("<u4").astype(np.uint64)
        rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2")
        return rounded.tobytes()
    if dtype == "I64":
        return arr.astype("<i8").tobytes()
    raise ValueError(dtype)


def from_bytes(raw, dtype, shape):
    if dtype == "F32":
        a = np.frombuffer(raw, "<f4")
    elif dtype == "F16":
        a = np.frombuffer(raw, "<f2").astype(np.float32)
    elif dtype == "F64":
        a = np.frombuffer(raw, "<f8").astype(np.float32)
    elif dtype == "BF16":
        a = (np.frombuffer(raw, "<u2").astype(np.uint32) << 16).view(np.float32)
    else:
        raise ValueError(dtype)
    return a.reshape(shape).astype(np.float32)


def write_safetensors(path, tensors, order=None, metadata=None):
    """tensors: name -> (dtype, ndarray). Data laid out in `order` (default: sorted)."""
    order = order or sorted(tensors)
    header, blobs, off = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in order:
        dtype, arr = tensors[name]
        raw = to_bytes(arr, dtype)
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def read_safetensors(path):
    """name -> float32 ndarray for the float tensors (others skipped)."""
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    buf = data[8 + n:]
    out = {}
    for name, e in header.items():
        if name == "__metadata__" or e["dtype"] not in ("F32", "F16", "BF16", "F64"):
            continue
        b, end = e["data_offsets"]
        out[name] = from_bytes(buf[b:end], e["dtype"], e["shape"])
    return out


# ---- the network as an ONNX graph ----------------------------------------------------------
def resnet18_onnx(weights, base):
    nodes, inits = [], []
    for name, _ in expected_shapes(base):
        inits.append(numpy_helper.from_array(weights[name].astype(np.float32), name))
    counter = [0]

    def fresh(tag):
        counter[0] += 1
        return f"{tag}_{counter[0]}"

    def conv_bn(x, wkey, bnkey, stride, pad):
        k = weights[wkey].shape[2]
        y = fresh("conv")
        nodes.append(helper.make_node("Conv", [x, wkey], [y], kernel_shape=[k, k],
                                      strides=[stride, stride], pads=[pad] * 4))
        z = fresh("bn")
        nodes.append(helper.make_node("BatchNormalization",
                                      [y] + [f"{bnkey}.{s}" for s in BN_SUFFIXES], [z], epsilon=1e-5))
        return z

    def relu(x):
        y = fresh("relu")
        nodes.append(helper.make_node("Relu", [x], [y]))
        return y

    x = relu(conv_bn("input", "conv1.weight", "bn1", 2, 3))
    y = fresh("pool")
    nodes.append(helper.make_node("MaxPool", [x], [y], kernel_shape=[3, 3], strides=[2, 2], pads=[1] * 4))
    x = y
    for stage in range(1, 5):
        for block in range(2):
            p = f"layer{stage}.{block}"
            s = 2 if stage > 1 and block == 0 else 1
            h = relu(conv_bn(x, f"{p}.conv1.weight", f"{p}.bn1", s, 1))
            h = conv_bn(h, f"{p}.conv2.weight", f"{p}.bn2", 1, 1)
            sc = conv_bn(x, f"{p}.downsample.0.weight", f"{p}.downsample.1", 2, 0) if s == 2 else x
            a = fresh("add")
            nodes.append(helper.make_node("Add", [h, sc], [a]))
            x = relu(a)
    g = fresh("gap")
    nodes.append(helper.make_node("GlobalAveragePool", [x], [g]))
    nodes.append(helper.make_node("Flatten", [g], ["features"], axis=1))
    graph = helper.make_graph(
        nodes, "resnet18",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, "H", "W"])],
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", 8 * base])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    return model


def session(model, threads=0):
    opts = ort.SessionOptions()
    if threads:
        opts.intra_op_num_threads = threads
    return ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])


# ---- preprocessing (PyTorch arithmetic) ----------------------------------------------------
def bilinear_torch(img, oh, ow):
    """F.interpolate(img[None,None], size=(oh,ow), mode='bilinear', align_corners=False) in float32,
    following aten/src/ATen/native/UpSample.h (area_pixel_compute_source_index, clamp at 0)."""
    img = img.astype(np.float32)
    h, w = img.shape

    def taps(n_in, n_out):
        scale = np.float32(n_in) / np.float32(n_out)
        d = np.arange(n_out, dtype=np.float32)
        s = np.maximum(scale * (d + np.float32(0.5)) - np.float32(0.5), np.float32(0))
        i0 = np.minimum(np.floor(s).astype(np.int64), n_in - 1)
        i1 = i0 + (i0 < n_in - 1)
        l1 = np.clip(s - i0.astype(np.float32), 0, 1).astype(np.float32)
        return i0, i1, (np.float32(1) - l1).astype(np.float32), l1

    y0, y1, ly0, ly1 = taps(h, oh)
    x0, x1, lx0, lx1 = taps(w, ow)
    top = lx0[None, :] * img[y0][:, x0] + lx1[None, :] * img[y0][:, x1]
    bot = lx0[None, :] * img[y1][:, x0] + lx1[None, :] * img[y1][:, x1]
    return (ly0[:, None] * top + ly1[:, None] * bot).astype(np.float32)


def bilinear_onnx(img, oh, ow):
    """The same resize through onnxruntime's Resize (linear, half_pixel; PyTorch also samples the centre when the output length is 1), an independent check."""
    node = helper.make_node("Resize", ["x", "", "", "sizes"], ["y"], mode="linear",
                            coordinate_transformation_mode="half_pixel")
    graph = helper.make_graph([node], "r", [helper.make_tensor_value_info("x", TensorProto.FLOAT, None)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                              [numpy_helper.from_array(np.array([1, 1, oh, ow], np.int64), "sizes")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    return session(model).run(None, {"x": img[None, None].astype(np.float32)})[0][0, 0]


MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)


def crop_box(mask, label, margin=0.1):
    rows, cols = np.nonzero(mask == label)
    if rows.size == 0:
        raise ValueError("empty ROI")
    r0, r1, c0, c1 = rows.min(), rows.max(), cols.min(), cols.max()
    w, h = c1 - c0 + 1, r1 - r0 + 1
    mc, mr = int(np.floor(margin * w + 0.5)), int(np.floor(margin * h + 0.5))
    return (max(0, r0 - mr), min(mask.shape[0] - 1, r1 + mr), max(0, c0 - mc), min(mask.shape[1] - 1, c1 + mc))


def preprocess(pixels, mask, label, size=224):
    r0, r1, c0, c1 = crop_box(mask, label)
    crop = pixels[r0:r1 + 1, c0:c1 + 1].astype(np.float32)
    lo, hi = crop.min(), crop.max()
    crop = (crop - lo) / (hi - lo) if hi > lo else np.zeros_like(crop)
    plane = bilinear_torch(crop, size, size)
    return ((plane[None] - MEAN[:, None, None]) / STD[:, None, None]).astype(np.float32), (r0, r1, c0, c1)
