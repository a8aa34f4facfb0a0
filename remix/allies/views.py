import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remix.allies import hooks, selectors, services, skos
from remix.allies.forms import (
    ActorForm,
    ImportForm,
    NetworkFilterForm,
    RelationEndForm,
    RelationForm,
    ThemeForm,
)
from remix.allies.interchange import exports
from remix.allies.interchange import formats as import_formats
from remix.allies.models import (
    RELATION_INVERSE,
    SYMMETRIC_KINDS,
    Actor,
    Circle,
    MovementCode,
    Relation,
    RelationKind,
    Theme,
)
from remix.allies.summaries import trunk_summary
from remix.core.imports import ImportRefused
from remix.core.pagecache import page_cached
from remix.core.permissions import can_edit_network, can_see_private, require, role_required

# Past this, the text alternative lists the first relations and points to the full file.
MAP_LISTED_RELATIONS = 500


@page_cached("allies")
def network_map(request):
    form = NetworkFilterForm(request.GET)
    query = form.query()
    network_filter = selectors.NetworkFilter.from_query(query)
    graph = selectors.network_graph(network_filter=network_filter)
    names = {node["id"]: node for node in graph["nodes"]}
    by_movement = {code: [] for code in MovementCode.values}
    for node in graph["nodes"]:
        for code in node["movements"] or ["other"]:
            by_movement[code].append(node)
    return render(
        request,
        "allies/map.html",
        {
            "form": form,
            "on": network_filter.on,
            "graph": graph,
            "by_movement": [
                (MovementCode(code).label, nodes) for code, nodes in by_movement.items()
            ],
            "edges": [
                {
                    **edge,
                    "source_node": names[edge["source"]],
                    "target_node": names[edge["target"]],
                    "label": RelationKind(edge["kind"]).label,
                }
                for edge in graph["edges"][:MAP_LISTED_RELATIONS]
            ],
            "edges_total": len(graph["edges"]),
            "relation_kinds": [
                (kind.value, kind.label, kind not in SYMMETRIC_KINDS) for kind in RelationKind
            ],
            "query": query.urlencode(),
            "can_edit": can_edit_network(request.user),
        },
    )


@page_cached("allies")
def network_json(request):
    network_filter = selectors.NetworkFilter.from_query(request.GET)
    graph = selectors.network_graph(network_filter=network_filter)
    graph["labels"] = {
        "movements": {code: str(label) for code, label in MovementCode.choices},
        "circles": {code: str(label) for code, label in Circle.choices},
        "relations": {code: str(label) for code, label in RelationKind.choices},
        "symmetric": sorted(SYMMETRIC_KINDS),
    }
    return JsonResponse(graph)


def actor_list(request):
    q = request.GET.get("q", "").strip()
    form = NetworkFilterForm(request.GET)
    network_filter = selectors.NetworkFilter.from_query(form.query())
    actors = selectors.actors_listed(network_filter=network_filter, q=q)
    page = Paginator(actors, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "allies/actor_list.html",
        {
            "page": page,
            "q": q,
            "form": form,
            "can_edit": can_edit_network(request.user),
        },
    )


def actor_detail(request, slug):
    actor = get_object_or_404(selectors.actors_public(), slug=slug)
    relations = []
    for relation in selectors.actor_relations(actor=actor):
        outgoing = relation.source_id == actor.pk
        relations.append(
            {
                "relation": relation,
                # One small form per open relation: ids made unique, names unchanged.
                "end_form": RelationEndForm(auto_id=f"id_end{relation.pk}_%s")
                if relation.is_open
                else None,
                "other": relation.target if outgoing else relation.source,
                "label": relation.get_kind_display()
                if outgoing
                else RELATION_INVERSE[RelationKind(relation.kind)],
            }
        )
    can_edit = can_edit_network(request.user)
    private = selectors.actor_private(actor=actor) if can_see_private(request.user) else None
    return render(
        request,
        "allies/actor_detail.html",
        {
            "actor": actor,
            "relations": relations,
            "measures": selectors.actor_measures(actor=actor),
            "history": selectors.actor_history(actor=actor)[:20],
            "can_edit": can_edit,
            "private": private,
            "relation_form": RelationForm(auto_id="id_relation_%s") if can_edit else None,
        },
    )


def _form_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@role_required(can_edit_network)
def actor_create(request):
    form = ActorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actor = services.actor_create(
                recorder=request.user,
                source=_("web, by %(user)s") % {"user": request.user},
                **form.service_fields(),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("“%(name)s” is on the map.") % {"name": actor.name})
            return redirect("allies:actor", slug=actor.slug)
    return render(request, "allies/actor_form.html", {"form": form, "actor": None})


@role_required(can_edit_network)
def actor_edit(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    form = ActorForm(request.POST or None, initial=ActorForm.initial_for(actor))
    if request.method == "POST" and form.is_valid():
        try:
            actor = services.actor_update(
                actor=actor, recorder=request.user, **form.service_fields()
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("allies:actor", slug=actor.slug)
    return render(request, "allies/actor_form.html", {"form": form, "actor": actor})


@role_required(can_edit_network)
@require_POST
def relation_add(request, slug):
    actor = get_object_or_404(Actor, slug=slug)
    form = RelationForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        source, target = (
            (actor, data["other"]) if data["direction"] == "out" else (data["other"], actor)
        )
        try:
            services.relation_create(
                source=source,
                target=target,
                kind=data["kind"],
                recorder=request.user,
                start_date=data["start_date"],
                strength=data["strength"],
                note=data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The relation is recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("allies:actor", slug=actor.slug)


@role_required(can_edit_network)
@require_POST
def relation_end(request, pk):
    relation = get_object_or_404(Relation.objects.select_related("source"), pk=pk)
    form = RelationEndForm(request.POST)
    back = request.POST.get("back") or relation.source.slug
    if form.is_valid():
        try:
            services.relation_end(
                relation=relation,
                end_date=form.cleaned_data["end_date"],
                recorder=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The relation is ended; it stays in the history."))
    else:
        messages.error(request, _("Give the date the relation ended."))
    return redirect("allies:actor", slug=back)


TRUNK_PAGE_PER_SIDE = 12


def trunk(request):
    rows = selectors.trunk_rows(per_side=TRUNK_PAGE_PER_SIDE)
    notes = hooks.trunk_theme_notes([row["theme"] for row in rows])
    for row in rows:
        row["summary"] = trunk_summary(row)
        row["notes"] = notes.get(row["theme"].pk, [])
    return render(
        request,
        "allies/trunk.html",
        {"rows": rows, "to_document": selectors.trunk_to_document()},
    )


def _trunk_records() -> list[dict]:
    return [
        {
            "rank": row["rank"],
            "theme": row["theme"].code,
            "label": row["theme"].label,
            "score": round(float(row["score"]), 4),
            "ess_share": round(float(row["ess_share"]), 4),
            "commons_share": round(float(row["commons_share"]), 4),
            "ess": [actor.name for actor in row["ess"]],
            "commons": [actor.name for actor in row["commons"]],
            "bridges": [actor.name for actor in row["bridges"]],
        }
        for row in selectors.trunk_rows()
    ]


def _to_document_records() -> list[dict] | None:
    chosen = selectors.trunk_to_document()
    if chosen is None:
        return None
    return [
        {
            "theme": item["theme"].code,
            "rank": item["rank"],
            "documents": item["documents"],
            "per_point": round(float(item["per_point"]), 4),
        }
        for item in chosen
    ]


def trunk_json(request):
    return JsonResponse(
        {"themes": _trunk_records(), "to_document": _to_document_records()},
        json_dumps_params={"ensure_ascii": False},
    )


def trunk_csv(request):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "rank",
            "theme",
            "label",
            "score",
            "ess_share",
            "commons_share",
            "ess_actors",
            "commons_actors",
            "bridges",
        ]
    )
    for record in _trunk_records():
        writer.writerow(
            [
                record["rank"],
                record["theme"],
                record["label"],
                record["score"],
                record["ess_share"],
                record["commons_share"],
                "; ".join(record["ess"]),
                "; ".join(record["commons"]),
                "; ".join(record["bridges"]),
            ]
        )
    return _download(out.getvalue(), "common-trunk.csv", "text/csv; charset=utf-8")


def measures(request):
    state = selectors.measures_state()
    ranking = selectors.measures_ranking(state=state)
    brokers = [row for row in ranking if row["is_bridge"] and row["betweenness"] > 0][:10]
    return render(
        request, "allies/measures.html", {"state": state, "ranking": ranking, "brokers": brokers}
    )


def themes(request):
    return render(
        request,
        "allies/themes.html",
        {
            "roots": selectors.theme_roots(),
            "can_edit": can_edit_network(request.user),
        },
    )


@role_required(can_edit_network)
def theme_edit(request, code=None):
    theme = get_object_or_404(Theme, code=code) if code else None
    initial = {}
    if theme:
        initial = {
            "code": theme.code,
            "broader": list(theme.broader.all()),
            **{f"label_{lang}": theme.labels.get(lang, "") for lang in ("fr", "en", "es")},
        }
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.theme_save(
                code=data["code"],
                recorder=request.user,
                broader=list(data["broader"]),
                labels={lang: data[f"label_{lang}"] for lang in ("fr", "en", "es")},
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The theme is saved."))
            return redirect("allies:themes")
    return render(request, "allies/theme_form.html", {"form": form, "theme": theme})


def _download(content, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export(request, name):
    if name == "actors.csv":
        return _download(exports.actors_csv(), name, "text/csv; charset=utf-8")
    if name == "relations.csv":
        return _download(exports.relations_csv(), name, "text/csv; charset=utf-8")
    if name == "kumu.json":
        return _download(exports.kumu_json(), name, "application/json")
    if name == "network.gexf":
        return _download(exports.network_graph_file("gexf"), name, "application/xml")
    if name == "network.graphml":
        return _download(exports.network_graph_file("graphml"), name, "application/xml")
    if name == "themes.ttl":
        base = request.build_absolute_uri("/allies/themes/")
        return _download(skos.themes_turtle(base_url=base), name, "text/turtle; charset=utf-8")
    raise Http404(name)


def import_file(request):
    """Everyone sees the exports; editors import (the format given, or recognised)."""
    can_edit = can_edit_network(request.user)
    if request.method == "POST":
        require(can_edit_network, request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = fmt = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text."))
        else:
            try:
                fmt, report = import_formats.network_import(
                    content,
                    fmt=form.cleaned_data["format"],
                    recorder=request.user,
                    unknown_themes=form.cleaned_data["unknown_themes"],
                )
            except ImportRefused as refused:
                form.add_error("file", refused.message)
    context = {
        "form": form,
        "report": report,
        "format_read": import_formats.LABELS.get(fmt),
        "can_edit": can_edit,
    }
    return render(request, "allies/import.html", context)
