import io

import requests
import torch
from fastapi import FastAPI, UploadFile
from safetensors.torch import load_file
from torch import load as torch_load

api = FastAPI()


class Predictor:
    def __init__(self, checkpoint_path, device="cpu"):
        # ruleid: py-torch-load-unsafe
        state = torch.load(checkpoint_path, map_location=device)
        self.model = build_model()
        self.model.load_state_dict(state["model"])


@api.post("/models")
async def upload_checkpoint(file: UploadFile):
    payload = io.BytesIO(await file.read())
    # ruleid: py-torch-load-unsafe
    state = torch.load(payload, weights_only=False)
    return {"keys": list(state)}


def load_remote(url):
    response = requests.get(url, timeout=30)
    # ruleid: py-torch-load-unsafe
    return torch.load(io.BytesIO(response.content))


def resume_training(path):
    # ruleid: py-torch-load-unsafe
    checkpoint = torch_load(path)
    return checkpoint["optimizer"], checkpoint["epoch"]


def load_ema(path, device):
    # ruleid: py-torch-load-unsafe
    return torch.load(
        path,
        map_location=device
    )


def load_legacy(path):
    # ruleid: py-torch-load-unsafe
    return torch.serialization.load(path, "cpu")


# --- safe look-alikes ---------------------------------------------------------


def load_weights(path):
    # ok: py-torch-load-unsafe
    return torch.load(path, map_location="cpu", weights_only=True)


def load_safetensors(path):
    # ok: py-torch-load-unsafe
    return load_file(path)


def save_checkpoint(model, path):
    # ok: py-torch-load-unsafe
    torch.save(model.state_dict(), path)


def load_scripted(path):
    # ok: py-torch-load-unsafe
    return torch.jit.load(path)


def load_with_options(path, **options):
    # ok: py-torch-load-unsafe
    return torch.load(path, **options)


def load_hub_model():
    # ok: py-torch-load-unsafe
    return torch.hub.load_state_dict_from_url("https://example.com/resnet.pth", weights_only=True)


def build_model():
    return torch.nn.Linear(4, 2)
