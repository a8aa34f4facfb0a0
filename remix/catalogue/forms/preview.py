"""A preview: what a document's or commons' page would show, built from a form's cleaned data.
It saves nothing."""

from dataclasses import dataclass, field


@dataclass
class Fact:
    label: str
    value: object
    url: str = ""


@dataclass
class Section:
    heading: str
    text: str
    language: str = ""
    markdown: bool = True


@dataclass
class Preview:
    """What the page would show, built from the cleaned data."""

    title: str
    language: str = ""
    facts: list[Fact] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def names_joined(objects) -> str:
    return ", ".join(str(obj) for obj in objects)
