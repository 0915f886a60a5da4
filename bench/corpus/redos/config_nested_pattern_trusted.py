# label: safe
# A nested-quantifier regex is only applied to constant configuration strings at import time, never to user input.
import re

SECTION = re.compile(r"^(\[[a-z]+\])+$")
CONFIG_SECTIONS = ["[core]", "[core][http]", "[storage]"]

VALID_SECTIONS = [s for s in CONFIG_SECTIONS if SECTION.match(s)]


def sections():
    return list(VALID_SECTIONS)
