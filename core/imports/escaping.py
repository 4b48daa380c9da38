"""Formula injection: a cell that begins with one of these characters is
run by Excel or LibreOffice as a formula. On export such text gets a
leading apostrophe; on import that apostrophe is dropped again, so an
exported file imports back unchanged."""

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return "'" + value
    return value


def unescape_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(DANGEROUS_STARTS):
        return text[1:]
    return text
