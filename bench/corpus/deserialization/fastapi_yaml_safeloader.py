# label: safe
# yaml.load is called with Loader=yaml.SafeLoader, equivalent to safe_load.
import yaml
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/pipelines")
async def upload_pipeline(file: UploadFile):
    pipeline = yaml.load(await file.read(), Loader=yaml.SafeLoader)
    return {"stages": len(pipeline.get("stages", []))}
