"""Runs the center pages' permission matrix (tests/portal/matrix_center.py)."""

from .matrix_center import *  # noqa: F403
