# label: safe
# The logged value is a FastAPI int parameter, so it cannot contain line breaks.
import logging

from fastapi import FastAPI

app = FastAPI()
logger = logging.getLogger("api")


@app.get("/orders/{order_id}")
def get_order(order_id: int):
    logger.info("Order lookup %d", order_id)
    return {"order_id": order_id}
