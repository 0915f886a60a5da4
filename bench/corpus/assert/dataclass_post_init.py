# label: safe
# assert checks the currency-code length of a dataclass during construction; no authorisation decision depends on it.
from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str = "EUR"

    def __post_init__(self):
        assert len(self.currency) == 3

    def __add__(self, other):
        return Money(self.cents + other.cents, self.currency)
