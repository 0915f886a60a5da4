# label: vulnerable
# jsonpickle.decode on a FastAPI request body can instantiate arbitrary classes.
import jsonpickle
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/cart/restore")
async def restore_cart(request: Request):
    raw = (await request.body()).decode()
    cart = jsonpickle.decode(raw)
    return {"items": len(cart.items)}
