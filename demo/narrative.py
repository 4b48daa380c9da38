"""Demo data of the annual report: the text of the 2022 report that is not a
figure (the seed's own words), and the goal and tasks set for 2023, from
fixtures/demo_report.json.

Runs after the contests' demo, which loads the municipal programme the year
plan belongs to. Figures are never written here: the report computes them
from the registry.
"""

from . import data

REPORT = "demo_report.json"


def load() -> None:
    data.load_fixture(REPORT)
