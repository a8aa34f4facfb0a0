"""The permission matrix: every route of the site and of the API, as each role meets it.

The expected answers are data, in ``remix/core/permissions.txt``; this module reads that file,
builds one world (the demo network, plus one object of each kind its routes need), asks each
route as each role, and says where the answer differs. ``test_permission_matrix.py`` runs it.
"""

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

MATRIX = Path(__file__).resolve().parents[1] / "permissions.txt"
ROLES = ("anonymous", "owner", "member", "editor", "treasurer", "steward")
# Who plays each role in the demo: the owner is a member who owns the object in the path.
PEOPLE = {
    "owner": "amina",
    "member": "yasmine",
    "editor": "camille",
    "treasurer": "mateo",
    "steward": "louise",
}
# A status, or `login` (sent to a log-in page, or 401: a token is needed), or `any` (anything but
# `login` and a server error: the admin's own pages, each tested in its app's test_admin.py).
OUTCOMES = {"login", "any", "200", "201", "204", "302", "400", "403", "404", "405", "409", "422"}


@dataclass(frozen=True)
class Row:
    line: int
    route: str
    method: str
    path: str
    expected: dict[str, str]
    body: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.route, self.method, self.path)

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api:/")


def rows_read(text: str | None = None) -> list[Row]:
    """The matrix, one row per route, method and path; a badly written row is an error."""
    text = MATRIX.read_text() if text is None else text
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = shlex.split(line)
        if len(words) not in (3 + len(ROLES), 4 + len(ROLES)):
            raise ValueError(f"{MATRIX.name}:{number}: {len(words)} words, not {3 + len(ROLES)}")
        route, method, path, *answers = words[: 3 + len(ROLES)]
        body = words[3 + len(ROLES)] if len(words) > 3 + len(ROLES) else ""
        expected = dict(zip(ROLES, answers, strict=True))
        for role, answer in expected.items():
            if answer not in OUTCOMES and not (role == "owner" and answer == "-"):
                raise ValueError(f"{MATRIX.name}:{number}: {role}: unknown answer {answer!r}")
        rows.append(Row(number, route, method.upper(), path, expected, body))
    keys = [row.key + (row.body,) for row in rows]
    doubles = {key for key in keys if keys.count(key) > 1}
    if doubles:
        raise ValueError(f"{MATRIX.name}: rows written twice: {sorted(doubles)}")
    return rows


# --- the routes that exist -------------------------------------------------------------------


def site_routes() -> set[str]:
    """Every named route Django resolves (namespace:name), the API's and the admin's included."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}{pattern.namespace}:"
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or _unnamed(pattern)
                yield f"{namespace}{name}"

    return set(walk(get_resolver().url_patterns))


def _unnamed(pattern: URLPattern) -> str:
    """Routes without a name are named by their view (the admin's redirects, media, favicon)."""
    callback = pattern.callback
    return f"<{getattr(callback, '__module__', '')}.{getattr(callback, '__name__', '')}>"


def api_operations(schema: dict) -> set[str]:
    """Every operation of the OpenAPI schema, as `api METHOD /path`."""
    return {
        f"{method.upper()} {path.removeprefix('/api/v1')}"
        for path, methods in schema["paths"].items()
        for method in methods
    }


def route_of(row: Row) -> str:
    """The route a row's path resolves to, so that a row cannot name one route and ask another."""
    match = resolve(row.path.split("?", 1)[0])
    name = match.url_name or f"<{match.func.__module__}.{match.func.__name__}>"
    return f"{match.namespace}:{name}" if match.namespace else name


# --- the world -------------------------------------------------------------------------------


def world_build() -> dict[str, str]:
    """The demo network, plus what some routes need and the demo lacks; returns the values the
    matrix's paths name in braces ({pledge}, {application}…)."""
    from remix.core.demo import demo_load

    demo_load()
    owner = _people()
    return {
        **_network_values(),
        **_books_values(),
        **_gift_values(owner),
        **_grants_values(owner),
        **_stewardship_values(),
        "production": str(_production_id()),
        "project": str(_project_id()),
        **_envelope_values(),
        **_invoicing_values(),
        **_studio_values(),
        **_sharing_values(),
        **_experiment_values(),
        **_events_values(),
        "today": timezone.localdate().isoformat(),
        "year": str(timezone.localdate().year),
    }


def _stewardship_values() -> dict[str, str]:
    from remix.stewardship.models import Handover, Volunteer

    return {
        "handover": str(Handover.objects.order_by("pk").first().pk),
        "volunteer": str(Volunteer.objects.order_by("pk").first().pk),
    }


def _project_id() -> int:
    from remix.projects.models import Project

    return Project.objects.get(slug="fiesta-des-communs").pk


def _production_id() -> int:
    from remix.productions.models import Production

    return Production.objects.get(slug="film-des-communs").pk


def _envelope_values() -> dict[str, str]:
    from remix.envelopes.models import Request

    asked = Request.objects.select_related("envelope").get(requester__username=PEOPLE["owner"])
    return {"envelope": str(asked.envelope_id), "envelope_request": str(asked.pk)}


def _studio_values() -> dict[str, str]:
    from remix.studio.models import Engagement, Quote, Service, TimeDeclaration

    return {
        "service": Service.objects.order_by("slug").first().slug,
        "quote": str(Quote.objects.filter(status="sent").order_by("pk").first().pk),
        "engagement": str(Engagement.objects.order_by("pk").first().pk),
        "time": str(TimeDeclaration.objects.filter(status="declared").order_by("pk").first().pk),
    }


def _invoicing_values() -> dict[str, str]:
    from remix.invoicing.models import Invoice
    from remix.invoicing.services import invoice_draft_create

    due = (
        Invoice.objects.filter(kind="invoice", status="issued", payments__isnull=True)
        .order_by("-pk")
        .first()
    )
    lines = [{"description": "Atelier", "quantity": "1", "unit_price": "100.00"}]
    draft = invoice_draft_create(
        client=due.client, lines=lines, language="fr", currency="EUR", recorder=None
    )
    return {"invoice": str(due.pk), "draft_invoice": str(draft.pk), "client": due.client.slug}


def _sharing_values() -> dict[str, str]:
    from remix.sharing.models import Distribution, SharingRule

    return {
        "sharing_rule_id": str(SharingRule.objects.order_by("pk").first().pk),
        "sharing_distribution_id": str(Distribution.objects.order_by("pk").first().pk),
    }


def _experiment_values() -> dict[str, str]:
    import datetime

    from remix.experiments.models import Experiment
    from remix.experiments.services import experiment_create

    today = timezone.localdate()
    proposed = experiment_create(
        question={"fr": "Les ateliers font-ils venir des contributeurs ?"},
        metric="recurring-givers",
        period="year",
        comparison="gte",
        target="10",
        starts=today,
        deadline=today + datetime.timedelta(days=90),
    )
    return {
        "experiment": str(Experiment.objects.filter(status="running").order_by("pk").first().pk),
        "experiment_proposed": str(proposed.pk),
        "experiment_decided": str(Experiment.objects.exclude(outcome="").order_by("pk").first().pk),
    }


def _events_values() -> dict[str, str]:
    from remix.events.models import Event, Registration

    meeting = Event.objects.get(project__slug="rencontre-semences")
    call = Event.objects.get(project__slug="appel-mensuel")
    mine = Registration.objects.get(event=meeting, user__username=PEOPLE["owner"])
    return {
        "event": str(meeting.pk),
        "past_event": str(call.pk),
        "registration": str(mine.pk),
        "project_id": str(meeting.project_id),
    }


def _people():
    """The owner of the demo's pledges and applications, and a member besides the demo's."""
    from remix.accounts.models import Role, User
    from remix.accounts.services import role_grant, user_signup

    member = user_signup(
        username=PEOPLE["member"],
        email="yasmine@example.org",
        password="a-long-pass-phrase-42",
        display_name="Yasmine",
        language="fr",
    )
    role_grant(user=member, role=Role.MEMBER, recorder=None)
    return User.objects.get(username=PEOPLE["owner"])


def _network_values() -> dict[str, str]:
    from remix.allies.models import Actor, Relation, Theme
    from remix.catalogue.models import Commons, Document

    relation = Relation.objects.filter(end_date__isnull=True).order_by("pk").first()
    return {
        "actor": Actor.objects.order_by("slug").first().slug,
        # the API names objects by id: PostgreSQL's ids do not start at 1 in every test
        "actor_id": str(Actor.objects.order_by("pk").first().pk),
        "document_id": str(Document.objects.filter(hidden=False).order_by("pk").first().pk),
        "commons_id": str(Commons.objects.order_by("pk").first().pk),
        "relation": str(relation.pk),
        "theme": Theme.objects.order_by("code").first().code,
        "document": Document.objects.order_by("slug").first().slug,
        "commons": Commons.objects.order_by("slug").first().slug,
    }


def _books_values() -> dict[str, str]:
    from remix.ledger.models import Account, Attachment, BankImport, BudgetLine, Fund, Transaction

    posted = Transaction.objects.filter(status="posted").order_by("pk").first()
    attachment = Attachment.objects.create(
        transaction=posted, name="Facture", file=ContentFile(b"%PDF-1.4 facture", name="f.pdf")
    )
    bank_import = BankImport.objects.order_by("pk").first()
    return {
        "fund": Fund.objects.filter(active=True).order_by("slug").first().slug,
        "account": str(Account.objects.order_by("pk").first().pk),
        "transaction": str(posted.pk),
        "attachment": str(attachment.pk),
        "need": str(BudgetLine.objects.order_by("pk").first().pk),
        "import": str(bank_import.pk) if bank_import else "999999",
    }


def _gift_values(owner) -> dict[str, str]:
    from remix.accounts.services import token_create
    from remix.contributions import services as contributions
    from remix.contributions.models import Campaign, Pledge, Round

    pledge = Pledge.objects.filter(user=owner).order_by("pk").first()
    gift, _new = contributions.payment_record(
        amount="10", date=timezone.localdate(), pledge=pledge, external_key="matrix"
    )
    receipt = contributions.receipt_issue(contribution=gift, address="1 rue des Communs, Lyon")
    return {
        "campaign_id": str(Campaign.objects.order_by("pk").first().pk),
        "round_id": str(Round.objects.order_by("pk").first().pk),
        "pledge": pledge.reference,
        "campaign": Campaign.objects.order_by("slug").first().slug,
        "round": Round.objects.order_by("slug").first().slug,
        "gift": str(gift.pk),
        "receipt_year": str(receipt.year),
        "receipt_sequence": str(receipt.sequence),
        "token": str(token_create(user=owner, name="tableur").token.pk),
    }


def _grants_values(owner) -> dict[str, str]:
    """The owner's application with a task and a document; applications waiting for a
    treasurer's decision (submitted, and reporting) made the owner's; a call's attachment."""
    from remix.grants import services as grants
    from remix.grants.models import Application, Opportunity

    application = (
        Application.objects.filter(owner=owner, stage="drafting").first()
        or Application.objects.filter(owner=owner).first()
    )
    submitted = Application.objects.filter(stage="submitted").order_by("pk").first()
    reporting = Application.objects.filter(stage="reporting").order_by("pk").first()
    Application.objects.filter(pk__in=[submitted.pk, reporting.pk]).update(owner=owner)
    task = grants.task_add(application=application, title="Relire le budget", recorder=owner)
    document = grants.document_add(
        application=application,
        upload=ContentFile(b"%PDF-1.4 budget", name="budget.pdf"),
        name="Budget",
        stored_name="budget.pdf",
        recorder=owner,
    )
    call_attachment = grants.opportunity_attachment_add(
        opportunity=Opportunity.objects.order_by("slug").first(),
        upload=ContentFile(b"%PDF-1.4 reglement", name="reglement.pdf"),
        name="Règlement",
        stored_name="reglement.pdf",
    )
    return {
        "opportunity_id": str(Opportunity.objects.order_by("pk").first().pk),
        "opportunity": Opportunity.objects.order_by("slug").first().slug,
        "application": str(application.pk),
        "submitted": str(submitted.pk),
        "reporting": str(reporting.pk),
        "task": str(task.pk),
        "application_document": str(document.pk),
        "call_attachment": str(call_attachment.pk),
        "calendar_key": grants.calendar_token(user=owner).key,
    }


# --- asking ----------------------------------------------------------------------------------


PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def clients() -> dict[str, Client]:
    """One client per role, logged in; treasurers and stewards with their second factor given."""
    from remix.accounts.models import User
    from remix.accounts.tests.clients import SecondFactorClient

    found = {"anonymous": Client()}
    for role, username in PEOPLE.items():
        client = SecondFactorClient()
        client.force_login(User.objects.get(username=username))
        found[role] = client
    return found


def tokens() -> dict[str, str]:
    from remix.accounts.models import User
    from remix.accounts.services import token_create

    found = {}
    for role, username in PEOPLE.items():
        found[role] = token_create(user=User.objects.get(username=username), name="matrice").raw
    return found


def answer(response) -> str:
    """What a role met, in the matrix's words: `login` when sent to log in (or asked a token)."""
    if response.status_code >= 500:
        return str(response.status_code)
    if response.status_code == 401:
        return "login"
    if response.status_code == 302 and "/login/" in response.get("Location", ""):
        return "login"
    return str(response.status_code)


def fill(text: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def ask(row: Row, values: dict, client: Client, token: str | None, path: str = "") -> str:
    """Send the row's request as one role; whatever it writes is rolled back."""
    path = path or fill(row.path, values)
    body = fill(row.body, values)
    headers = {}
    if row.is_api and token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    kept = {name: morsel.value for name, morsel in client.cookies.items()}
    with transaction.atomic():
        call = getattr(client, row.method.lower())
        if row.is_api and row.method in {"POST", "PUT", "PATCH"}:
            response = call(path, data=body or "{}", content_type="application/json", **headers)
        elif row.method == "POST":
            response = call(path, data=QueryDict(body), **headers)
        else:
            response = call(path, **headers)
        transaction.set_rollback(True)
    # what the request did is undone, its cookies too (a log-out would log the next one out)
    client.cookies.clear()
    for name, value in kept.items():
        client.cookies[name] = value
    return answer(response)


# --- the admin: one row for all its pages ----------------------------------------------------


def admin_paths() -> dict[str, str]:
    """Each page of the admin (its route's name → a path to it), on objects that exist."""
    from django.apps import apps

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            else:
                name = namespace + (pattern.name or _unnamed(pattern))
                yield name, prefix + str(pattern.pattern)

    found = {}
    for name, pattern in walk(get_resolver().url_patterns, "/", ""):
        if not name.startswith("admin:"):
            continue
        model = None
        parts = name.removeprefix("admin:").split("_")
        if len(parts) >= 3:
            try:
                model = apps.get_model(parts[0], parts[1])
            except (LookupError, ValueError):
                model = None
            if model is not None and model._meta.swapped:
                model = None
        first = model.objects.order_by("pk").first() if model is not None else None
        path = pattern.lstrip("^").rstrip("$").replace("\\", "")
        path = re.sub(r"<(?:path:)?object_id>", str(first.pk) if first else "1", path)
        path = re.sub(r"<(?:\w+:)?(id|content_type_id)>", "1", path)
        path = re.sub(r"\(\?P<app_label>[^)]*\)", "ledger", path)
        path = re.sub(r"<(?:\w+:)?app_label>", "ledger", path)
        if "<" in path or "(?" in path:
            continue
        found.setdefault(name, path if path.startswith("/") else "/" + path)
    return found
