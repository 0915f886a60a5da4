# label: vulnerable
# An uploaded checkpoint is loaded with torch.load without weights_only=True, which unpickles arbitrary objects.
import io

import torch
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/models/evaluate")
async def evaluate(checkpoint: UploadFile):
    data = await checkpoint.read()
    state = torch.load(io.BytesIO(data), map_location="cpu")
    return {"tensors": len(state)}
