"""Background tasks (django-tasks). In-process until a shared backend is configured in TASKS."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def email_send(
    *, subject: str, body: str, to: list[str], from_email: str | None = None, html: str = ""
) -> None:
    """Send one e-mail; rendered beforehand, in the recipient's language, by the caller."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
