from remix import __version__
from remix.web.areas import AREAS


def site(request):
    return {"areas": AREAS, "remix_version": __version__}
