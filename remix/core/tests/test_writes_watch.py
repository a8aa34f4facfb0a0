"""The watch that decides whether a test's self-checks run: a read leaves it quiet, a write of any
kind wakes it (conftest.WritesWatch)."""

from django.db import connection, transaction

from conftest import WritesWatch
from remix.core.models import AuditEvent


def watched(action) -> bool:
    watch = WritesWatch()
    with connection.execute_wrapper(watch):
        action()
    return watch.wrote


def test_reads_and_savepoints_leave_the_watch_quiet(db):
    def reads():
        list(AuditEvent.objects.all()[:1])
        with transaction.atomic():
            AuditEvent.objects.filter(action="nothing").exists()

    assert watched(reads) is False


def test_an_insert_an_update_and_raw_sql_each_wake_it(db):
    def insert():
        AuditEvent.objects.create(action="core.test.watched", data={})

    def update():
        AuditEvent.objects.filter(action="none").update(data={})

    def raw():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditevent WHERE 1 = 0")

    assert watched(insert) and watched(update) and watched(raw)
