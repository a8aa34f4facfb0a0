"""An e-mail a command sends a person on its own (a reminder, an outcome): in the person's
language, as plain text with the same in HTML, marked as sent automatically."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def language_of(user) -> str:
    """The person's language when the site speaks it, else the site's."""
    known = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in known else settings.LANGUAGE_CODE


def automatic_message(user, *, templates: str, write) -> EmailMultiAlternatives:
    """The e-mail to ``user``: ``write()``, called in their language, answers (subject,
    context); ``templates`` names the pair ``{templates}.txt`` and ``{templates}.html``."""
    language = language_of(user)
    with translation.override(language):
        subject, context = write()
        text = render_to_string(f"{templates}.txt", context)
        html = render_to_string(f"{templates}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[user.email],
        headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    return message
