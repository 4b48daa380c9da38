import datetime

import pytest

# Today for the return tests: mid-June 2024 (Kemerovo time), so May 2024 is
# «last month» and a date in July is in the future.
TODAY = datetime.date(2024, 6, 15)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    return TODAY
