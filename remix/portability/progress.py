"""tqdm's bar for the portability commands: sized once the work is known, on stderr."""

from tqdm import tqdm


class ProgressBar:
    """A bar in bytes, drawn only on a terminal, opened by ``total(n)`` and moved by ``update``."""

    def __init__(self, description: str):
        self.description = description
        self.bar = None

    def total(self, size: int) -> None:
        self.bar = tqdm(
            total=size, desc=self.description, unit="B", unit_scale=True, disable=None, leave=True
        )

    def update(self, size: int) -> None:
        if self.bar is not None:
            self.bar.update(size)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
