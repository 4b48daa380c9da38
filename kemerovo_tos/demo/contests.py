"""Demo data: see kemerovo_tos/demo/__init__.py. Being written."""


def load() -> None:
    pass
