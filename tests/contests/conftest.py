import pytest

from committees.models import TosBody
from demo import names
from tests.factories import CenterFactory, CommitteeFactory, TerritoryFactory, TosBodyFactory


@pytest.fixture
def small_registry(db):
    """The registry's demo in miniature: the real territories and centers,
    two committees a territory, a few bodies each, the two named bodies."""
    territories = {}
    for order, (name, kind, genitive) in enumerate(names.TERRITORIES, 1):
        territories[name] = TerritoryFactory(
            name=name, kind=kind, name_genitive=genitive, order=order
        )
    committees = {}
    for territory in territories.values():
        for _ in range(2):
            committee = CommitteeFactory(territory=territory)
            committees.setdefault(territory.name, committee)
            for _ in range(3):
                TosBodyFactory(committee=committee, kind=TosBody.Kind.HOUSE)
            for _ in range(2):
                TosBodyFactory(committee=committee, kind=TosBody.Kind.STREET)
    for name, (territory, address) in names.NAMED_BODIES.items():
        TosBodyFactory(
            committee=committees[territory], name=name, address=address,
            kind=TosBody.Kind.OTHER,
        )
    for name, territory in {**names.SEED_CENTERS, **names.MORE_CENTERS}.items():
        CenterFactory(name=name, territory=territories[territory])
    return territories
