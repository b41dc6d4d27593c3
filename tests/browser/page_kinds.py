"""A page of every kind on the project's site, in each language: for Lighthouse, in the tests
(tests/browser/test_lighthouse.py) and in the benchmark (bench/lighthouse.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def page_types() -> dict[str, str]:
    """A page of every kind the site has, in each language, by what it is: its path."""
    from generator.engines import pipeline
    from generator.site.plan import FLOW, GUIDES, MAP, OUTCOME, QUESTION
    from generator.site.project import read_project

    project, problems = read_project(ROOT / "mkdocs.yml")
    assert project is not None, problems
    document, problems = pipeline.Pipeline(project).check_flows()
    assert document is not None, problems
    plan = pipeline.Pipeline(project).plan(document)
    found = {}
    for language in plan.languages:
        first = {}
        for page in plan.pages(language):
            first.setdefault(page.kind, page)
        paths = {
            "home": "",
            "flow": first[FLOW].url,
            "question": first[QUESTION].url,
            "guide": first[OUTCOME].url,
            "map": first[MAP].url,
            "all guides": first[GUIDES].url,
            "404": "404.html",
            "hand-written page": plan.url("tentang.md"),
        }
        for kind, path in paths.items():
            found[f"{kind} ({language})"] = plan.prefix(language) + path
    return found
