from django.contrib.auth.models import Group

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
