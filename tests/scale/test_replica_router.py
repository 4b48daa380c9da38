from committees.models import Territory
from core import db_router
from core.db_router import PrimaryReplicaRouter, report_reads


def test_report_reads_go_to_the_replica_only_inside_the_block(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Territory) is None
    with report_reads():
        assert router.db_for_read(Territory) == "replica"
        assert router.db_for_write(Territory) == "default"
    assert router.db_for_read(Territory) is None


def test_without_a_replica_report_reads_stay_on_the_primary():
    router = PrimaryReplicaRouter()
    with report_reads():
        assert router.db_for_read(Territory) is None
