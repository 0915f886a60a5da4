# label: vulnerable
# A FastAPI query parameter is passed as a lazy %s argument to logger.info; %s inserts it raw, newlines included.
import logging

from fastapi import FastAPI

app = FastAPI()
logger = logging.getLogger("api")


@app.get("/coupons/{code}")
def redeem(code: str):
    logger.info("Coupon redeem attempt: %s", code)
    return {"code": code, "valid": False}
