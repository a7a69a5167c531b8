"""Exports torchvision's ImageNet ResNet18 weights (IMAGENET1K_V1, the weights of timm's
resnet18.tv_in1k) as the safetensors file `sentinel extract --deep` reads.

Run on a machine that has PyTorch and torchvision (Sentinel never downloads weights itself):

    pip install torch torchvision
    python3 export_torchvision_resnet18.py resnet18_imagenet1k_v1.safetensors

Keys are torchvision's state_dict names (conv1.weight, bn1.running_mean, ...,
layer2.0.downsample.0.weight, fc.weight); tensors are F32 (pass --half for F16, --bf16 for BF16,
which move the 512 features by up to about 1e-2). The I64 num_batches_tracked counters are kept,
as torchvision saves them; Sentinel skips them and fc.*.
"""
import argparse
import json
import struct

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--half", action="store_true")
    group.add_argument("--bf16", action="store_true")
    args = parser.parse_args()
    model = torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.IMAGENET1K_V1)
    state = model.state_dict()
    float_type = torch.float16 if args.half else torch.bfloat16 if args.bf16 else torch.float32
    names = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}
    header, blobs, offset = {"__metadata__": {"source": "torchvision resnet18 IMAGENET1K_V1"}}, [], 0
    for key, tensor in state.items():
        tensor = tensor.detach().cpu().contiguous()
        if tensor.is_floating_point():
            tensor = tensor.to(float_type)
        raw = tensor.view(torch.uint8).numpy().tobytes() if tensor.dim() else tensor.reshape(1).view(torch.uint8).numpy().tobytes()
        header[key] = {"dtype": names[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(args.output, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    print(f"wrote {args.output}: {len(state)} tensors, {offset / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
