"""A map of a flow's tree, drawn at build time: inline SVG plus the same tree as nested lists.

The layout is grandalf's Sugiyama (layered) layout, the algorithm of Graphviz's `dot`, in pure
Python, so building a site needs nothing beyond `pip install`. Each option's label is laid out
as a small node of its own between the question and the node it leads to, so labels never
overlap lines or boxes. No script runs in the browser: the map is plain SVG with links.
"""

from __future__ import annotations

import html
import unicodedata
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout, VertexViewer

from generator.format.model import Flow, Outcome, Question, Text, total_paths
from generator.site.markup import plain_text

# Sizes in CSS pixels. Text widths are estimated (no font is at hand at build time), so the
# estimate errs wide: a box a little too large reads better than text spilling out of it.
FONT_SIZE = 14
LINE_HEIGHT = 18
KICKER_SIZE = 11
KICKER_HEIGHT = 15
LABEL_SIZE = 13
LABEL_LINE_HEIGHT = 16
NODE_TEXT_WIDTH = 176
LABEL_TEXT_WIDTH = 132
NODE_PADDING_X, NODE_PADDING_Y = 12, 9
LABEL_PADDING_X, LABEL_PADDING_Y = 7, 4
NODE_MAX_LINES = 4
LABEL_MAX_LINES = 3
LAYER_GAP = 30
NODE_GAP = 18
MARGIN = 6

# Beyond this many paths, the outline shows a question's branches once and links back to them.
MAX_OUTLINE_PATHS = 200
# Beyond this many questions and guides, a drawing is too big to read (and to lay out quickly:
# layered layout grows faster than the graph); such flows get the outline only.
MAX_DRAWN_NODES = 400

_NARROW = set("fijlrtI.,:;'!|()[] ")
_WIDE = set("mwMW@%")


@dataclass(frozen=True, slots=True)
class FlowMap:
    """A flow's map: `svg` (inline SVG in a scrollable container) and `outline_html`.

    `svg` is empty for flows of more than MAX_DRAWN_NODES questions and guides.
    """

    svg: str
    outline_html: str


@dataclass(frozen=True, slots=True)
class _Words:
    """The language a map is drawn in: its interface words, and editor text as plain words."""

    language: str
    words: Mapping[str, str]
    convert: Callable[[str], str]

    def plain(self, text: Text) -> str:
        return self.convert(text.get(self.language))


@dataclass(slots=True)
class _Box:
    """A node of the drawing: a question, an outcome or an option's label."""

    kind: str  # "question", "outcome" or "label"
    lines: list[str]
    width: float
    height: float
    node_id: str | None = None
    x: float = 0.0  # centre
    y: float = 0.0  # centre


def flow_map(
    flow: Flow,
    language: str,
    words: Mapping[str, str],
    url_for: Callable[[str], str],
    plain: Callable[[str], str] = plain_text,
) -> FlowMap:
    """Draw `flow` in `language` as a map; `url_for(node_id)` is the link to a node's page.

    `words` are the language's interface words; `plain` turns editor text into plain words.
    Deterministic: the same flow always gives the same text.
    """
    say = _Words(language, words, plain)
    outline = _outline(flow, url_for, say)
    if len(flow.questions) + len(flow.outcomes) > MAX_DRAWN_NODES:
        return FlowMap(svg="", outline_html=outline)
    boxes, edges = _graph(flow, say)
    bends = _layout(boxes, edges, flow.start)
    return FlowMap(svg=_svg(flow, boxes, edges, bends, url_for, say), outline_html=outline)


# -- the graph ------------------------------------------------------------------------------


def _graph(flow: Flow, say: _Words) -> tuple[dict[str, _Box], list[tuple[str, str]]]:
    """Boxes by key and edges between keys, nodes in the order they are first reached."""
    boxes: dict[str, _Box] = {}
    edges: list[tuple[str, str]] = []
    todo = deque([flow.start])
    while todo:
        node_id = todo.popleft()
        if node_id in boxes:
            continue
        node = flow.node(node_id)
        if node is None:
            continue
        boxes[node_id] = _node_box(node, say)
        if isinstance(node, Question):
            for number, option in enumerate(node.options, start=1):
                label_key = f"{node_id}#{number}"
                label = say.plain(option.label)
                lines = _clip(_wrap(label, LABEL_TEXT_WIDTH, LABEL_SIZE), LABEL_MAX_LINES)
                boxes[label_key] = _Box(
                    "label",
                    lines,
                    max(_text_width(line, LABEL_SIZE) for line in lines) + 2 * LABEL_PADDING_X,
                    len(lines) * LABEL_LINE_HEIGHT + 2 * LABEL_PADDING_Y,
                )
                edges.append((node_id, label_key))
                if flow.node(option.next) is not None:
                    edges.append((label_key, option.next))
                    todo.append(option.next)
    return boxes, edges


def _node_box(node: Question | Outcome, say: _Words) -> _Box:
    kind = "question" if isinstance(node, Question) else "outcome"
    text = node.text if isinstance(node, Question) else node.title
    lines = _clip(_wrap(say.plain(text), NODE_TEXT_WIDTH, FONT_SIZE), NODE_MAX_LINES)
    kicker = say.words[f"map_{kind}"]
    width = max(
        max(_text_width(line, FONT_SIZE) for line in lines),
        _text_width(kicker.upper(), KICKER_SIZE) * 1.1,
    )
    return _Box(
        kind,
        lines,
        width + 2 * NODE_PADDING_X,
        KICKER_HEIGHT + len(lines) * LINE_HEIGHT + 2 * NODE_PADDING_Y,
        node_id=node.id,
    )


class _Widths(dict[str, float]):
    """Each character's `_char_width`, worked out once: maps measure the same letters often."""

    def __missing__(self, ch: str) -> float:
        width = self[ch] = _char_width(ch)
        return width


_WIDTHS = _Widths()


def _text_width(text: str, size: float) -> float:
    return size * sum(map(_WIDTHS.__getitem__, text))


def _char_width(ch: str) -> float:
    """Rough advance of a character in em: sans-serif Latin, and full-width East Asian script."""
    if ch in _NARROW:
        return 0.33
    if ch in _WIDE or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0 if ord(ch) > 0x2E7F else 0.9
    return 0.58


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Words in lines no wider than `width` (a single long word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split() or [""]:
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _text_width(candidate, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _clip(lines: list[str], limit: int) -> list[str]:
    """At most `limit` lines; the full text is in the link's name and in the outline."""
    if len(lines) <= limit:
        return lines
    return [*lines[: limit - 1], lines[limit - 1] + " …"]


# -- the layout -----------------------------------------------------------------------------

Bends = dict[tuple[str, str], list[tuple[float, float]]]


def _layout(boxes: dict[str, _Box], edges: list[tuple[str, str]], start: str) -> Bends:
    """Place every box (by its centre) with the Sugiyama layout; the drawing starts at 0,0.

    Returns the points that each layer-skipping edge passes through, from its source on.
    """
    vertices = {key: Vertex(key) for key in boxes}
    for key, vertex in vertices.items():
        vertex.view = VertexViewer(boxes[key].width, boxes[key].height)
    bends: Bends = {}
    if len(boxes) > 1:
        graph = graph_core(
            list(vertices.values()), [Edge(vertices[a], vertices[b]) for a, b in edges]
        )
        layout = SugiyamaLayout(graph)
        layout.xspace, layout.yspace = NODE_GAP, LAYER_GAP
        # Lines that skip layers pass through invisible points; keep those thin.
        layout.dw, layout.dh = 8, 8
        layout.init_all(roots=[vertices[start]])
        layout.draw()
        for key, vertex in vertices.items():
            boxes[key].x, boxes[key].y = vertex.view.xy
        for edge in graph.sE:
            controls = layout.ctrls.get(edge)
            if controls:
                ranks = sorted(controls)[1:-1]
                bends[(edge.v[0].data, edge.v[1].data)] = [controls[r].view.xy for r in ranks]
    left = min(box.x - box.width / 2 for box in boxes.values())
    top = min(box.y - box.height / 2 for box in boxes.values())
    for box in boxes.values():
        box.x += MARGIN - left
        box.y += MARGIN - top
    return {
        edge: [(x + MARGIN - left, y + MARGIN - top) for x, y in points]
        for edge, points in bends.items()
    }


# -- drawing --------------------------------------------------------------------------------

# Colours come from the theme (Material's variables, light and dark), with plain fallbacks.
# Questions are square boxes, guides rounded ones, and each says what it is in words.
_STYLE = (
    ".flows-map{overflow:auto;max-width:100%;margin:1em 0}"
    ".flows-map:focus-visible{outline:2px solid var(--md-accent-fg-color,#526cfe);"
    "outline-offset:2px}"
    ".flows-map svg.flows-map__svg{display:block;max-width:none;height:auto}"
    ".flows-map__svg text{font-family:inherit;font-size:14px;"
    "fill:var(--md-default-fg-color,#000000de)}"
    ".flows-map__svg .flows-map__kicker{font-size:11px;font-weight:700;letter-spacing:.05em;"
    "text-transform:uppercase;fill:var(--md-default-fg-color--light,#0000008a)}"
    ".flows-map__svg .flows-map__label text{font-size:13px}"
    ".flows-map__node rect{stroke-width:2}"
    ".flows-map__node--question rect{fill:var(--md-default-bg-color,#fff);"
    "stroke:var(--md-typeset-a-color,#4051b5)}"
    ".flows-map__node--outcome rect{fill:var(--md-accent-fg-color--transparent,#526cfe1a);"
    "stroke:var(--md-default-fg-color--light,#0000008a)}"
    ".flows-map__node:hover rect{stroke-width:3}"
    ".flows-map__node:hover text.flows-map__line{text-decoration:underline}"
    ".flows-map__node:focus{outline:none}"
    ".flows-map__node:focus-visible rect{stroke:var(--md-accent-fg-color,#526cfe);stroke-width:4}"
    ".flows-map__node:focus-visible text.flows-map__line{text-decoration:underline}"
    ".flows-map__label rect{fill:var(--md-default-bg-color,#fff);"
    "stroke:var(--md-default-fg-color--lighter,#00000052)}"
    ".flows-map__edge{fill:none;stroke:var(--md-default-fg-color--light,#0000008a);"
    "stroke-width:1.5}"
    ".flows-map__arrow{fill:var(--md-default-fg-color--light,#0000008a)}"
)


def _svg(
    flow: Flow,
    boxes: dict[str, _Box],
    edges: list[tuple[str, str]],
    bends: Bends,
    url_for: Callable[[str], str],
    say: _Words,
) -> str:
    words = say.words
    width = max(box.x + box.width / 2 for box in boxes.values()) + MARGIN
    height = max(box.y + box.height / 2 for box in boxes.values()) + MARGIN
    prefix = f"flows-map-{flow.id}"
    title = words["map_title"].format(flow=say.plain(flow.title))
    out = [
        f'<div class="flows-map" role="region" tabindex="0" '
        f'aria-label="{_attr(words["map_region"].format(title=title))}">',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'class="flows-map__svg" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'role="group" aria-labelledby="{prefix}-title">',
        f'<title id="{prefix}-title">{_text(title)}</title>',
        f"<style>{_STYLE}</style>",
        f'<defs><marker id="{prefix}-arrow" class="flows-map__arrow" viewBox="0 0 10 10" '
        'refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">'
        '<path d="M0 1L10 5L0 9z"/></marker></defs>',
    ]
    # Edges and option labels repeat what the list version says; screen readers skip them.
    out.append('<g aria-hidden="true">')
    starts, ends = _ports(boxes, edges, bends)
    for edge in edges:
        points = [starts[edge], *bends.get(edge, []), ends[edge]]
        arrow = boxes[edge[1]].kind != "label"
        marker = f' marker-end="url(#{prefix}-arrow)"' if arrow else ""
        out.append(f'<path class="flows-map__edge" d="{_curve(points)}"{marker}/>')
    for box in boxes.values():
        if box.kind == "label":
            out.append('<g class="flows-map__label">' + _rect(box, box.height / 2))
            out.extend(_lines(box, box.y - box.height / 2 + LABEL_PADDING_Y, LABEL_LINE_HEIGHT))
            out.append("</g>")
    out.append("</g>")
    for box in boxes.values():
        if box.kind == "label":
            continue
        assert box.node_id is not None
        node = flow.node(box.node_id)
        assert node is not None
        kicker = words[f"map_{box.kind}"]
        full = say.plain(node.text if isinstance(node, Question) else node.title)
        top = box.y - box.height / 2
        out.append(
            # xlink:href, not href: Material's instant navigation assigns `a.href` on every link
            # it finds, which throws on an SVG link's read-only `href`.
            f'<a xlink:href="{_attr(url_for(box.node_id))}" '
            f'class="flows-map__node flows-map__node--{box.kind}" '
            f'aria-label="{_attr(f"{kicker}: {full}")}">'
        )
        out.append(_rect(box, 3 if box.kind == "question" else 14))
        out.append(
            f'<text class="flows-map__kicker" x="{_n(box.x)}" '
            f'y="{_n(top + NODE_PADDING_Y + KICKER_SIZE)}" text-anchor="middle">'
            f"{_text(kicker)}</text>"
        )
        out.extend(_lines(box, top + NODE_PADDING_Y + KICKER_HEIGHT, LINE_HEIGHT))
        out.append("</a>")
    out.append("</svg>")
    out.append("</div>")
    return "\n".join(out)


def _ports(
    boxes: dict[str, _Box], edges: list[tuple[str, str]], bends: Bends
) -> tuple[dict[tuple[str, str], tuple[float, float]], dict[tuple[str, str], tuple[float, float]]]:
    """Where each edge leaves its source (bottom) and enters its target (top).

    Several edges at one side are spread along it in the order of where they come from or
    go to, so they do not cross at the box.
    """
    leaving: dict[str, list[tuple[str, str]]] = {}
    entering: dict[str, list[tuple[str, str]]] = {}
    for edge in edges:
        leaving.setdefault(edge[0], []).append(edge)
        entering.setdefault(edge[1], []).append(edge)
    starts: dict[tuple[str, str], tuple[float, float]] = {}
    ends: dict[tuple[str, str], tuple[float, float]] = {}
    for key, group in leaving.items():
        box = boxes[key]
        group.sort(key=lambda e: bends[e][0][0] if e in bends else boxes[e[1]].x)
        for index, edge in enumerate(group):
            starts[edge] = (_spread(box, index, len(group)), box.y + box.height / 2)
    for key, group in entering.items():
        box = boxes[key]
        group.sort(key=lambda e: bends[e][-1][0] if e in bends else boxes[e[0]].x)
        for index, edge in enumerate(group):
            ends[edge] = (_spread(box, index, len(group)), box.y - box.height / 2)
    return starts, ends


def _spread(box: _Box, index: int, count: int) -> float:
    usable = box.width * 0.6
    return box.x - usable / 2 + usable * (index + 1) / (count + 1)


def _curve(points: list[tuple[float, float]]) -> str:
    """A smooth path through `points`, leaving and entering each one vertically."""
    (x, y), rest = points[0], points[1:]
    parts = [f"M{_n(x)} {_n(y)}"]
    for nx, ny in rest:
        middle = (y + ny) / 2
        parts.append(f"C{_n(x)} {_n(middle)} {_n(nx)} {_n(middle)} {_n(nx)} {_n(ny)}")
        x, y = nx, ny
    return "".join(parts)


def _rect(box: _Box, radius: float) -> str:
    return (
        f'<rect x="{_n(box.x - box.width / 2)}" y="{_n(box.y - box.height / 2)}" '
        f'width="{_n(box.width)}" height="{_n(box.height)}" rx="{_n(radius)}"/>'
    )


def _lines(box: _Box, top: float, line_height: float) -> list[str]:
    return [
        f'<text class="flows-map__line" x="{_n(box.x)}" '
        f'y="{_n(top + (number + 1) * line_height - 4)}" text-anchor="middle">{_text(line)}</text>'
        for number, line in enumerate(box.lines)
    ]


def _n(value: float) -> str:
    """A coordinate with one decimal at most: short, and the same on every machine."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


# -- the text version -----------------------------------------------------------------------


def _outline(flow: Flow, url_for: Callable[[str], str], say: _Words) -> str:
    """The tree as nested lists: each question's answers, each leading to a question or guide.

    Every path appears; in very large trees, a question's branches are listed once and later
    mentions link back to them.
    """
    repeat = total_paths(flow) <= MAX_OUTLINE_PATHS
    listed: set[str] = set()
    out: list[str] = []

    def link(node_id: str) -> str:
        node = flow.node(node_id)
        assert node is not None
        kind = "question" if isinstance(node, Question) else "outcome"
        text = say.plain(node.text if isinstance(node, Question) else node.title)
        return (
            f'<a href="{_attr(url_for(node_id))}" class="flows-outline__{kind}">'
            f"{_text(say.words[f'map_{kind}'])}: {_text(text)}</a>"
        )

    # An explicit stack of (node, answer leading to it, depth); strings close the lists.
    stack: list[tuple[str, str | None, int] | str] = [(flow.start, None, 0)]
    # Left out of the site search: it repeats every question and guide of the flow, and questions
    # are not searched (the guides are, each on its own page).
    out.append('<ul class="flows-outline" data-pagefind-ignore="all">')
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        node_id, answer, depth = item
        lead = (
            f'<span class="flows-outline__answer">{_text(answer)}</span> '
            '<span aria-hidden="true">→</span> '
            if answer is not None
            else ""
        )
        question = flow.questions.get(node_id)
        # Depth beyond the number of questions means a loop (the checker reports those).
        looped = depth > len(flow.questions)
        if question is None or looped or (not repeat and node_id in listed):
            see_above = f" ({_text(say.words['map_see_above'])})" if question is not None else ""
            out.append(f"<li>{lead}{link(node_id)}{see_above}</li>")
            continue
        listed.add(node_id)
        out.append(f"<li>{lead}{link(node_id)}")
        out.append("<ul>")
        stack.append("</ul></li>")
        for option in reversed(question.options):
            if flow.node(option.next) is not None:
                stack.append((option.next, say.plain(option.label), depth + 1))
    out.append("</ul>")
    return "\n".join(out)
