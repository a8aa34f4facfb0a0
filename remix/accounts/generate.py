import random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from remix.accounts.models import Role, User
from remix.core.generate import Scale, generator

FIRST = ["Amina", "Camille", "Mateo", "Louise", "Ousmane", "Lucía", "Jean", "Fatou", "Noé", "Ana"]
LAST = ["Diallo", "Roy", "Gómez", "Tremblay", "Ndiaye", "Pérez", "Martin", "Sow", "Gagnon", "Ruiz"]


@generator(order=10, name="accounts.users")
def generate_users(rng: random.Random, scale: Scale) -> int:
    start = User.objects.filter(username__startswith="gen-").count()
    unusable = make_password(None)
    users = []
    for index in range(start, start + scale.users):
        users.append(
            User(
                username=f"gen-{index:06d}",
                display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                email=f"gen-{index:06d}@example.invalid",
                language=rng.choice(["fr", "fr", "en", "es"]),
                password=unusable,
            )
        )
    created = User.objects.bulk_create(users, batch_size=500)
    member = Group.objects.get(name=Role.MEMBER)
    member.user_set.add(*created)
    return len(created)
