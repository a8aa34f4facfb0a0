"""The API at /api/v1/: gathers each app's router; auth, errors and docs are set here once."""

from remix import __version__
from remix.api import errors
from remix.api.common import RemixAPI

api = RemixAPI(
    title="Remix API",
    version=__version__,
    description=(
        "Public reads need no login. Writes need an API token (create one on your profile "
        "page): `Authorization: Bearer rmx_…`. Errors share one shape: "
        '`{"error": {"code", "message", "fields": [{"field", "code", "reason"}]}}`; '
        "messages follow `Accept-Language` (fr, en, es)."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
errors.install(api)


def _add_routers() -> None:
    from remix.accounts.api import router as accounts_router
    from remix.allies.api import router as allies_router
    from remix.catalogue.api import router as catalogue_router
    from remix.charter.api import router as charter_router
    from remix.contributions.api import router as contributions_router
    from remix.core.api import router as core_router
    from remix.envelopes.api import router as envelopes_router
    from remix.events.api import router as events_router
    from remix.experiments.api import router as experiments_router
    from remix.grants.api import router as grants_router
    from remix.invoicing.api import router as invoicing_router
    from remix.ledger.api import router as ledger_router
    from remix.portability.api import router as portability_router
    from remix.productions.api import router as productions_router
    from remix.projects.api import router as projects_router
    from remix.sharing.api import router as sharing_router
    from remix.stewardship.api import router as stewardship_router
    from remix.studio.api import router as studio_router

    api.add_router("/", core_router)
    api.add_router("/accounts/", accounts_router)
    api.add_router("/", allies_router)
    api.add_router("/", catalogue_router)
    api.add_router("/", charter_router)
    api.add_router("/ledger/", ledger_router)
    api.add_router("/", contributions_router)
    api.add_router("/", grants_router)
    api.add_router("/", stewardship_router)
    api.add_router("/", productions_router)
    api.add_router("/", projects_router)
    api.add_router("/", envelopes_router)
    api.add_router("/", studio_router)
    api.add_router("/", portability_router)
    api.add_router("/", invoicing_router)
    api.add_router("/", sharing_router)
    api.add_router("/", experiments_router)
    api.add_router("/", events_router)


_add_routers()
