"""The language a person reads in: their explicit choice first, then their browser's, then French.

French pages live at the root and English and Spanish ones under /en/ and /es/. A person's
explicit choice is kept in Django's language cookie: it is written when they pick a language in the
switcher, when they log in (their profile's language) and when they change it on their profile.
A page asked without a prefix is then sent to the same page in the chosen language. Without a
choice, only the home page follows the browser's Accept-Language: a first visit to ``/`` from a
browser asking for English or Spanish lands on ``/en/`` or ``/es/``; every other address keeps
the language it names, so that a link always shows what it points at.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import (
    get_language_from_path,
    get_supported_language_variant,
    override,
)
from django.utils.translation.trans_real import parse_accept_lang_header

from remix.core.languages import CHOSEN, language_choose

# Addresses outside the pages: the API, webhooks, files, the switcher, static assets.
_NOT_PAGES = ("/api/", "/hooks/", "/files/", "/language/", "/favicon.ico", "/static/", "/media/")


def chosen_language(request) -> str | None:
    """The language the person chose earlier (the cookie), or None."""
    return _known(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


def browser_language(request) -> str | None:
    """The first of the site's languages the browser asks for, or None (``*`` asks for none)."""
    for accepted, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if accepted != "*" and (found := _known(accepted)):
            return found
    return None


def _known(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


class PreferredLanguageMiddleware:
    """Sends an unprefixed page to the reader's language, and keeps a choice made in the request.

    Runs after the authentication middleware: a log-in (``user_logged_in``) marks the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self._redirect_language(request)
        if target is not None:
            response = HttpResponseRedirect(url_in(request.get_full_path(), target))
        else:
            response = self.get_response(request)
        chosen = getattr(request, CHOSEN, None)
        if chosen is not None:
            _write_choice(response, chosen)
            if response.status_code in (301, 302, 303, 307, 308) and response.get("Location"):
                response["Location"] = url_in(response["Location"], chosen)
        if _is_page(request.path_info) and not get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def _redirect_language(self, request) -> str | None:
        if request.method not in ("GET", "HEAD") or not _is_page(request.path_info):
            return None
        if get_language_from_path(request.path_info):
            return None  # an address with a prefix names its language
        wanted = chosen_language(request)
        if wanted is None and request.path_info == "/":
            wanted = browser_language(request)
        if wanted is None or wanted == settings.LANGUAGE_CODE:
            return None
        return wanted


def url_in(url: str, language: str) -> str:
    """The same page as ``url`` (with or without a prefix) in ``language``; an address that is
    no page of the site is kept as it is."""
    path = urlsplit(url).path
    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(url, language)


def _is_page(path: str) -> bool:
    return not path.startswith(_NOT_PAGES)


def _write_choice(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def on_login(sender, request, user, **kwargs):
    """A person who logs in reads in their profile's language from then on."""
    if request is not None and _known(user.language):
        language_choose(request, _known(user.language))


def switch(request, language: str):
    """The language switcher: remember the choice, then show the same page in that language."""
    if _known(language) != language:
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    language_choose(request, language)
    return HttpResponseRedirect(url_in(target, language))
