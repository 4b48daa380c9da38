"""Every import format by its key (the `kind` of `manage.py import_xlsx`)."""

from django.utils.module_loading import import_string

KINDS = {
    "tos_bodies": "committees.resources.TosBodyKind",
    "activists": "committees.resources.ActivistKind",
    "events": "events.resources.EventKind",
    "clubs": "centers.resources.ClubKind",
    "receptions": "centers.resources.ReceptionKind",
    "prevention": "centers.resources.PreventionKind",
    "applications": "contests.resources.ApplicationKind",
    "projects": "contests.resources.InitiativeProjectKind",
}


def get_kind(key: str):
    return import_string(KINDS[key])()


def all_kinds():
    return [get_kind(key) for key in KINDS]


def kind_for_model(model):
    for kind in all_kinds():
        if kind.model is model:
            return kind
    return None
