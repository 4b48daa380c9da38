"""The contests app's models, one module per part: contests and their
editions, applications and results, initiative budgeting. Every class is
re-exported here, so `contests.models.X` (imports, migrations) stays valid."""

from .applications import Application, Result
from .contests import Contest, ContestEdition, EditionOutcome, Nomination
from .initiative import InitiativeProject, Program

__all__ = [
    "Application",
    "Contest",
    "ContestEdition",
    "EditionOutcome",
    "InitiativeProject",
    "Nomination",
    "Program",
    "Result",
]
