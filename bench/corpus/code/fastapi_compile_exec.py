# label: vulnerable
# A FastAPI body field is compiled and executed as a rule expression.
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Rule(BaseModel):
    name: str
    condition: str


@app.post("/rules/test")
def test_rule(rule: Rule):
    compiled = compile(rule.condition, f"<rule {rule.name}>", "eval")
    return {"matches": bool(eval(compiled, {"amount": 120}))}
