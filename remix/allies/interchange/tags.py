"""An imported file's tags read as themes: each tag names a theme by its code or by one of its
labels; a tag that names none is a theme to create, or the reason to refuse the file.

Kumu and Gephi users tag freely, so a map from elsewhere (or from another Remix, whose themes
this one does not have) brings tags that match no theme. The person importing chooses: create
them (``CREATE``, the default: what Kumu itself does with a new tag) or refuse the whole file
with the list (``REFUSE``). A created theme takes the labels the file gives for it (a Remix
export carries them in every language), else the tag as its label in the importing person's
language.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from remix.allies import services
from remix.allies.models import Theme
from remix.core.i18ntext import text_clean
from remix.core.imports import ImportRefused

CREATE = "create"
REFUSE = "refuse"
CHOICES = (CREATE, REFUSE)


@dataclass
class NewTheme:
    code: str
    labels: dict[str, str]


@dataclass
class TagPlan:
    """What each tag of the file names: the code of a theme there is or will be."""

    codes: dict[str, str] = field(default_factory=dict)
    new: dict[str, NewTheme] = field(default_factory=dict)

    def themes_of(self, tags: list[str]) -> list[str]:
        """The codes a row's tags name, once each, in the file's order."""
        return list(dict.fromkeys(self.codes[tag] for tag in tags if tag in self.codes))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def labels_language() -> str:
    """The language a tag is taken to be written in: the importing person's, else the site's."""
    known = {code for code, _name in settings.LANGUAGES}
    language = (get_language() or "").split("-")[0]
    return language if language in known else settings.LANGUAGE_CODE


def tags_plan(tags: list[str], *, unknown: str, labels: dict[str, dict] | None = None) -> TagPlan:
    """Which theme each tag names (by code, by its slug, or by a label in any language), and the
    themes to create for the others; with ``REFUSE``, unknown tags refuse the file, all listed."""
    if unknown not in CHOICES:
        raise ValueError(f"unknown tags are created or refused, not {unknown!r}")
    labels = labels or {}
    themes = list(Theme.objects.only("code", "labels", "merged_into"))
    # A merged theme's code or label names the theme it was merged into.
    survivors = _survivor_codes(themes)
    by_code = dict(survivors)
    by_label = {}
    for theme in sorted(themes, key=lambda t: (t.merged_into_id is not None, t.code)):
        for label in theme.labels.values():
            by_label.setdefault(_key(label), survivors[theme.code])
    plan, missing = TagPlan(), []
    for tag in dict.fromkeys(tag.strip() for tag in tags if tag and tag.strip()):
        code = by_code.get(tag) or by_code.get(slugify(tag)) or by_label.get(_key(tag))
        if code is None:
            code = _new_code(tag, taken=by_code)
            missing.append(tag)
            plan.new[code] = NewTheme(code, _new_labels(tag, labels.get(tag)))
            by_code[code] = by_code[slugify(tag) or code] = code
            by_label[_key(tag)] = code
        plan.codes[tag] = code
    if missing and unknown == REFUSE:
        quoted = ", ".join(_("“%(tag)s”") % {"tag": tag} for tag in missing)
        raise ImportRefused(None, _("no theme matches the tags %(tags)s") % {"tags": quoted})
    return plan


def _survivor_codes(themes: list[Theme]) -> dict[str, str]:
    """Each theme's code → the code of the theme that answers for it (itself, unless merged)."""
    by_pk = {theme.pk: theme for theme in themes}
    codes = {}
    for theme in themes:
        survivor, seen = theme, {theme.pk}
        while survivor.merged_into_id in by_pk and survivor.merged_into_id not in seen:
            seen.add(survivor.merged_into_id)
            survivor = by_pk[survivor.merged_into_id]
        codes[theme.code] = survivor.code
    return codes


def _new_code(tag: str, *, taken: dict) -> str:
    base = (slugify(tag) or "theme")[:72]
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def _new_labels(tag: str, given) -> dict[str, str]:
    kept = text_clean(given, any_language=True) if isinstance(given, dict) else {}
    return kept or {labels_language(): tag}


def tags_create(plan: TagPlan, *, recorder=None) -> list[Theme]:
    """The plan's new themes, written (inside the import's transaction), in code order."""
    return [
        services.theme_save(code=new.code, labels=new.labels, recorder=recorder)
        for new in sorted(plan.new.values(), key=lambda new: new.code)
    ]
