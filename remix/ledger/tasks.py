"""The ledger's background tasks (django-tasks): a statement uploaded through the web is imported,
and the most read reports are computed again after a write. ``apps.py`` enqueues them on the
ledger's signals."""

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import task

from remix.ledger import imports, maths, selectors
from remix.ledger.bankfiles import ImportRefused
from remix.ledger.models import BankImport, Fund, ImportStatus


@task()
def bank_import_process(*, import_id: int, language: str = "") -> str:
    """Import one uploaded statement; safe to run twice or after a crash (see imports.py)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        batch = BankImport.objects.filter(pk=import_id).first()
        if batch is None or batch.status in (ImportStatus.DONE, ImportStatus.REFUSED):
            return "nothing to do"
        # Committed at once, so that the status page says "running" while the rows, written in
        # one transaction, are still invisible.
        BankImport.objects.filter(pk=import_id).update(status=ImportStatus.RUNNING, error="")
        try:
            imports.bank_import_run(
                bank_import=batch, progress=imports.progress_recorder(import_id)
            )
        except ImportRefused as refused:
            imports.bank_import_refuse(bank_import=batch, refused=refused)
            return "refused"
        except Exception as error:
            # Nothing was written; the page offers to run it again.
            BankImport.objects.filter(pk=import_id, status=ImportStatus.RUNNING).update(
                status=ImportStatus.PENDING, error=f"{type(error).__name__}: {error}"[:2000]
            )
            raise
    return "done"


@task()
def reports_warm() -> int:
    """After a write to the books, compute again the reports visitors ask for most (the platform's
    year and month, all funds' year), so that the next visitor reads them from the cache."""
    today = timezone.localdate()
    try:
        platform = selectors.platform_fund()
    except Fund.DoesNotExist:
        return 0
    wanted = [(platform, "year"), (platform, "month"), (None, "year")]
    for fund, kind in wanted:
        selectors.sustainability(fund=fund, period=maths.period_of(kind, today))
    return len(wanted)
