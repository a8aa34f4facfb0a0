"""The test client the suite logs people in with (conftest.py makes it pytest's ``client``)."""

from django.test import Client


def give_second_factor(user):
    """A treasurer's, a steward's or a superuser's confirmed authenticator (the same user, the
    same device), as they would have set it up before using their role; None for anyone else."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from remix.core.permissions import needs_second_factor

    if not needs_second_factor(user):
        return None
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "authenticator"}
    )
    return device


class SecondFactorClient(Client):
    """Django's test client, whose ``force_login`` of a treasurer or steward also gives them an
    authenticator and a session that has already given its code: a role's tests test the role.
    Tests of the second factor itself log in through the pages, or call ``force_login`` with
    ``second_factor=False``."""

    def force_login(self, user, backend=None, *, second_factor=True):
        from django_otp import DEVICE_ID_SESSION_KEY

        super().force_login(user, backend)
        device = give_second_factor(user) if second_factor else None
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
