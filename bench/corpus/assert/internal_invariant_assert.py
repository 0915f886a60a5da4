# label: safe
# assert checks an internal invariant of a pure helper, not an access-control decision.
def chunk(items, size):
    assert size > 0, "size must be positive"
    return [items[i:i + size] for i in range(0, len(items), size)]


def paginate(items, page, per_page=20):
    pages = chunk(items, per_page)
    return pages[page] if 0 <= page < len(pages) else []
