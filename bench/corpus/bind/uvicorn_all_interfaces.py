# label: vulnerable
# uvicorn serves the FastAPI app on host 0.0.0.0.
import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/debug/vars")
def debug_vars():
    return {"workers": 4}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=8000)
