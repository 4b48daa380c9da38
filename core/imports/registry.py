"""Every import format by its key (the `kind` of `manage.py import_xlsx`).

The engine knows no app: each app registers the kinds of its
`resources.py` in its AppConfig.ready(), so the formats are listed in the
order of INSTALLED_APPS (committees, events, centers, contests).
"""

KINDS: dict[str, type] = {}


def register(*kind_classes) -> None:
    for kind_class in kind_classes:
        KINDS[kind_class.key] = kind_class


def get_kind(key: str):
    return KINDS[key]()


def all_kinds():
    return [get_kind(key) for key in KINDS]


def kind_for_model(model):
    for kind in all_kinds():
        if kind.model is model:
            return kind
    return None
