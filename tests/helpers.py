"""Small helpers the test modules share: a site plan and renderer for a model made in a test."""

from __future__ import annotations

from generator.model import Document
from generator.plan import SitePlan
from generator.renderer import Renderer
from generator.strings import load_tables

TABLES = load_tables()


def plan_for(document: Document, **options: object) -> SitePlan:
    """The plan of `document`'s site with our own interface words (options as SitePlan's)."""
    return SitePlan(document, TABLES.words, **options)  # type: ignore[arg-type]


def renderer_for(
    document: Document, language: str | None = None, *, templates: str | None = None, **options
) -> Renderer:
    """A renderer of one language (default: the first) of `document`'s site."""
    plan = plan_for(document, **options)
    return Renderer(plan, language or document.language, templates=templates)


def render_page(document: Document, kind: str, flow_id: str, node_id: str | None = None):
    """The page of that kind, flow and node in `document`'s first language."""
    renderer = renderer_for(document)
    return renderer.render(renderer.plan.page(document.language, kind, flow_id, node_id))
