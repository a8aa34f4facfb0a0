"""The themes of the catalogue: the ones in use with what documents them, and the forms by which
members propose a theme and editors merge two or link one to Wikidata."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from remix.allies import services as allies_services
from remix.catalogue.forms.themes import ThemeMergeForm, ThemeProposeForm, ThemeWikidataForm
from remix.catalogue.selectors.themes import theme_counts
from remix.core.forms import service_errors_show
from remix.core.i18ntext import text_for
from remix.core.permissions import can_contribute, can_edit_network, require


def _theme_rows() -> list[dict]:
    rows = []
    for theme in theme_counts():
        label = text_for(theme.labels) or theme.code
        label_language = next((code for code, text in theme.labels.items() if text == label), "")
        rows.append(
            {
                "theme": theme,
                "label": label,
                "label_language": label_language,
                "others": sorted(
                    (code, text)
                    for code, text in theme.labels.items()
                    if text and code != label_language
                ),
            }
        )
    return sorted(rows, key=lambda row: (row["label"].casefold(), row["theme"].code))


def _theme_propose(request, form: ThemeProposeForm) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    language = data["language"]
    try:
        theme = allies_services.theme_save(
            code=data["code"],
            labels={language: data["label"]},
            definition={language: data["definition"]} if data["definition"] else None,
            proposed_by=request.user,
            recorder=request.user,
        )
    except ValidationError as error:
        service_errors_show(form, error)
        return False
    messages.success(request, _("The theme “%(label)s” is proposed.") % {"label": theme.label})
    return True


def _theme_merge(request, form: ThemeMergeForm) -> bool:
    if not form.is_valid():
        return False
    merged, survivor = form.cleaned_data["merged"], form.cleaned_data["survivor"]
    try:
        allies_services.theme_merge(merged=merged, survivor=survivor, recorder=request.user)
    except ValidationError as error:
        service_errors_show(form, error)
        return False
    messages.success(
        request,
        _("“%(merged)s” is merged into “%(survivor)s”; its address leads there.")
        % {"merged": merged.label, "survivor": survivor.label},
    )
    return True


def _theme_wikidata(request, form: ThemeWikidataForm) -> bool:
    if not form.is_valid():
        return False
    theme = form.cleaned_data["theme"]
    try:
        allies_services.theme_wikidata_set(
            theme=theme, wikidata_id=form.cleaned_data["wikidata_id"], recorder=request.user
        )
    except ValidationError as error:
        service_errors_show(form, error)
        return False
    messages.success(request, _("The Wikidata link of “%(label)s” is saved.") % {"label": theme})
    return True


THEME_FORMS = {
    # name: (form class, who may send it, what it does)
    "propose": (ThemeProposeForm, can_contribute, _theme_propose),
    "merge": (ThemeMergeForm, can_edit_network, _theme_merge),
    "wikidata": (ThemeWikidataForm, can_edit_network, _theme_wikidata),
}


def themes(request):
    forms = {
        name: form_class(auto_id=f"{name}_%s") for name, (form_class, *_rest) in THEME_FORMS.items()
    }
    sent = request.POST.get("form") if request.method == "POST" else None
    if sent is not None:
        if sent not in THEME_FORMS:
            return redirect("catalogue:themes")
        form_class, check, act = THEME_FORMS[sent]
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(check, request.user)
        forms[sent] = form_class(request.POST, auto_id=f"{sent}_%s")
        if act(request, forms[sent]):
            return redirect("catalogue:themes")
    return render(
        request,
        "catalogue/themes.html",
        {
            "rows": _theme_rows(),
            "forms": forms,
            "theme_languages": settings.LANGUAGES,
            "can_contribute": can_contribute(request.user),
            "can_edit": can_edit_network(request.user),
        },
    )


urlpatterns = [
    path("themes/", themes, name="themes"),
]
