from kemerovo_tos.models import LifespanQuerySet


class CommitteeQuerySet(LifespanQuerySet):
    pass


class TosBodyQuerySet(LifespanQuerySet):
    pass


class ActivistQuerySet(LifespanQuerySet):
    pass
