from base64 import b32decode

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from remix.accounts.models import Role, User
from remix.core.demo import demo_loader

DEMO_PASSWORD = "demo-remix"  # the demo network only; documented in the README

DEMO_USERS = [
    # username, display name, e-mail, language, roles
    ("amina", "Amina Diallo", "amina@example.org", "fr", [Role.MEMBER]),
    ("camille", "Camille Roy", "camille@example.org", "fr", [Role.MEMBER, Role.EDITOR]),
    ("mateo", "Mateo Gómez", "mateo@example.org", "es", [Role.MEMBER, Role.TREASURER]),
    ("louise", "Louise Tremblay", "louise@example.org", "fr", [Role.MEMBER, Role.STEWARD]),
]

# Treasurers and stewards use their role only with a second factor. The demo's are published (and
# in the README) so that a visitor can add them to any authenticator app: demo only.
DEMO_TOTP_SECRETS = {
    "mateo": "MATEOREMIXDEMOTREASURERTOTP2FA23",
    "louise": "LOUISEREMIXDEMOSTEWARDTOTP2FA234",
}


@demo_loader(order=10, name="accounts: one person per role")
def load_users() -> None:
    for username, display_name, email, language, roles in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"display_name": display_name, "email": email, "language": language},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(*Group.objects.filter(name__in=roles))
        if username in DEMO_TOTP_SECRETS:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="demo authenticator",
                defaults={"key": b32decode(DEMO_TOTP_SECRETS[username]).hex(), "confirmed": True},
            )
