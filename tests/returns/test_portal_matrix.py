"""Runs the event and return pages' permission matrices
(tests/portal/matrix_events.py, tests/portal/matrix_returns.py)."""

from tests.portal.matrix_events import *  # noqa: F403
from tests.portal.matrix_returns import *  # noqa: F403
