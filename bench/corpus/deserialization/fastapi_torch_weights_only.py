# label: safe
# torch.load is called with weights_only=True, which restricts unpickling to tensors and primitive containers.
import io

import torch
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/models/evaluate")
async def evaluate(checkpoint: UploadFile):
    data = await checkpoint.read()
    state = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    return {"tensors": len(state)}
