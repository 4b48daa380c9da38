"""Runs the chair pages' permission matrix (tests/portal/matrix_chair.py)."""

from .matrix_chair import *  # noqa: F403
