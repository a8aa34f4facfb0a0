"""A person's explicit choice of language, recorded on the request that makes it.

Whatever records the choice (the switcher, a log-in, the profile) calls ``language_choose``; the
middleware of ``remix.web.language`` then writes it in the language cookie of the response."""

# The request attribute holding the choice until the response is written.
CHOSEN = "remix_chosen_language"


def language_choose(request, language: str) -> None:
    """Record that the person behind ``request`` chose ``language`` (a code of LANGUAGES)."""
    setattr(request, CHOSEN, language)
