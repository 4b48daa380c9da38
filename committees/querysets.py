from core.models import LifespanQuerySet, StoredDerivation


class CommitteeQuerySet(LifespanQuerySet):
    pass


class TosBodyQuerySet(LifespanQuerySet):
    pass


class ActivistQuerySet(StoredDerivation, LifespanQuerySet):
    pass
