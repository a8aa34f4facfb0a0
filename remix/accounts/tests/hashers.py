"""The password hasher of the tests: Argon2 itself, at its smallest cost.

The suite signs up a thousand people and logs many in through the pages; at the production cost
(100 MiB and two passes per hash) that is minutes of the machine's two cores. The algorithm and
the code path are the production ones (the log-in throttle's tests count these very calls); only
the cost differs."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB: Argon2's least for one lane
    parallelism = 1
