"""The themes as a SKOS concept scheme in RDF/Turtle (rdflib), both ways."""

from django.db import transaction
from django.utils.translation import gettext as _
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.exceptions import ParserError

from remix.allies import services
from remix.allies.interchange.rows import ImportReport
from remix.allies.models import Theme
from remix.core.i18ntext import text_clean
from remix.core.imports import ImportRefused


def themes_turtle(*, base_url: str) -> str:
    base = Namespace(base_url.rstrip("/") + "/")
    graph = Graph()
    graph.bind("skos", SKOS)
    scheme = URIRef(base_url.rstrip("/"))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    themes = Theme.objects.prefetch_related("broader", "related").order_by("code")
    for theme in themes:
        concept = base[theme.code]
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.notation, Literal(theme.code)))
        for language, label in sorted(theme.labels.items()):
            graph.add((concept, SKOS.prefLabel, Literal(label, lang=language)))
        for language, text in sorted(theme.definition.items()):
            graph.add((concept, SKOS.definition, Literal(text, lang=language)))
        for broader in theme.broader.all():
            graph.add((concept, SKOS.broader, base[broader.code]))
            graph.add((base[broader.code], SKOS.narrower, concept))
        for related in theme.related.all():
            graph.add((concept, SKOS.related, base[related.code]))
        if not theme.broader.exists():
            graph.add((scheme, SKOS.hasTopConcept, concept))
    return graph.serialize(format="turtle")


def _code(graph: Graph, concept) -> str:
    notation = graph.value(concept, SKOS.notation)
    if notation:
        return str(notation)
    return str(concept).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def themes_turtle_import(content: str, *, recorder=None) -> ImportReport:
    graph = Graph()
    try:
        graph.parse(data=content, format="turtle")
    except (ParserError, SyntaxError, ValueError) as error:
        line = getattr(error, "lines", None)
        raise ImportRefused(line, _("not valid Turtle: %(reason)s") % {"reason": error}) from None
    concepts = sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str)
    if not concepts:
        raise ImportRefused(None, _("no skos:Concept in this file"))
    report = ImportReport()
    with transaction.atomic():
        codes = {concept: _code(graph, concept) for concept in concepts}
        themes = {}
        for index, concept in enumerate(concepts, 1):
            labels = text_clean(
                {
                    label.language or "fr": str(label)
                    for label in graph.objects(concept, SKOS.prefLabel)
                }
            )
            if not labels:
                raise ImportRefused(
                    index, _("the concept %(code)s has no label") % {"code": codes[concept]}
                )
            definition = {
                text.language or "fr": str(text) for text in graph.objects(concept, SKOS.definition)
            }
            existed = Theme.objects.filter(code=codes[concept]).first()
            before = (existed.labels, existed.definition) if existed else None
            themes[concept] = services.theme_save(
                code=codes[concept], labels=labels, definition=definition, recorder=recorder
            )
            if existed is None:
                report.created += 1
            elif before == (themes[concept].labels, themes[concept].definition):
                report.unchanged += 1
            else:
                report.updated += 1
        for concept, theme in themes.items():
            broader = {
                *graph.objects(concept, SKOS.broader),
                *graph.subjects(SKOS.narrower, concept),
            }
            theme.broader.set([themes[other] for other in broader if other in themes])
            theme.related.set(
                [themes[other] for other in graph.objects(concept, SKOS.related) if other in themes]
            )
    return report
