from django.contrib.auth.models import Group

from remix.accounts.models import Role
from remix.core.selfchecks import selfcheck


@selfcheck("accounts.roles")
def check_roles_exist() -> list[str]:
    present = set(Group.objects.filter(name__in=Role.values).values_list("name", flat=True))
    return [f"role group missing: {role}" for role in Role.values if role not in present]
