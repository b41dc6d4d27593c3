"""Synthetic flows files for the benchmark: balanced trees and layered DAGs of any size.

Text differs from node to node (so no cache hides the cost of rendering it), except for
answer labels and one step, which repeat as they do in real flows; it is shaped like the real
flows.yaml: questions with help, guides with summaries, steps with detail, notes and a review
date. Output is built as text, not with yaml.dump, so that 100,000 nodes take a second.

    python -m bench.synth tree 10000 > big.yaml
    python -m bench.synth tree 10000 100 > centre.yaml   # 100 flows of 100 nodes
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

WORDS = (
    "pesanan paket penjual pembeli pembayaran pengiriman alamat akun aplikasi saldo refund "
    "kurir voucher keranjang toko produk ukuran warna jumlah tanggal status layanan pelanggan "
    "rekening dompet bukti foto ulasan garansi kupon ongkir resi gudang"
).split()
VERBS = "buka pilih ketuk periksa salin kirim tunggu simpan isi konfirmasi unggah".split()

# Layered DAGs merge neighbouring branches on every MERGE_EVERY-th layer: each merge doubles the
# paths per node, so a few merges make a real DAG while the path count stays near the node count.
MERGE_EVERY = 5


@dataclass
class Shape:
    """A flow's graph: per question, its option targets (question or outcome ids)."""

    questions: dict[str, list[str]] = field(default_factory=dict)
    outcomes: list[str] = field(default_factory=list)

    @property
    def nodes(self) -> int:
        return len(self.questions) + len(self.outcomes)


def _qid(number: int) -> str:
    return f"tanya-{number}"


def _oid(number: int) -> str:
    return f"panduan-{number}"


def tree(nodes: int, branching: int = 3) -> Shape:
    """A complete tree in breadth-first order: node i's children are i*b+1 … i*b+b.

    The size is rounded down to the nearest complete shape (1 + b*k nodes) so that every
    question has all `branching` options.
    """
    questions = max(1, (nodes - 1) // branching)
    total = 1 + branching * questions
    shape = Shape()

    def name(i: int) -> str:
        return _qid(i) if i < questions else _oid(i - questions)

    for i in range(questions):
        shape.questions[_qid(i)] = [name(i * branching + k) for k in range(1, branching + 1)]
    shape.outcomes = [_oid(i) for i in range(total - questions)]
    return shape


def dag(nodes: int) -> Shape:
    """Layers of questions, each with two options to the next layer and one to a shared guide.

    A quarter of the nodes are guides, each reached from several questions. Most layers split
    (binary tree); every MERGE_EVERY-th layer merges neighbours (question j leads to j and j+1),
    so questions there have two parents.
    """
    outcome_count = max(3, nodes // 4)
    question_count = max(1, nodes - outcome_count)
    children: dict[int, list[int]] = {}
    layer = [0]
    made = 1
    depth = 0
    while made < question_count:
        merge = depth % MERGE_EVERY == MERGE_EVERY - 1
        want = len(layer) + 1 if merge else 2 * len(layer)
        width = min(want, question_count - made)
        below = list(range(made, made + width))
        made += width
        for j, parent in enumerate(layer):
            slots = (j, j + 1) if merge else (2 * j, 2 * j + 1)
            children[parent] = [below[k] for k in slots if k < width]
        layer = below
        depth += 1
    shape = Shape(outcomes=[_oid(i) for i in range(outcome_count)])
    guide = 0
    for q in range(question_count):
        targets = [_qid(c) for c in children.get(q, [])]
        # Round robin over the guides: consecutive picks differ, and every guide is used.
        while len(targets) < 3:
            targets.append(_oid(guide % outcome_count))
            guide += 1
        shape.questions[_qid(q)] = targets
    return shape


def _phrase(seed: int, length: int) -> str:
    """A deterministic run of words that differs from seed to seed."""
    picked = [WORDS[(seed * 7 + k * 13 + seed // 5) % len(WORDS)] for k in range(length)]
    return " ".join(picked)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def render(shape: Shape, flow_id: str = "uji", reviewed: dt.date | None = None) -> str:
    """The flows.yaml text of `shape` as one flow."""
    reviewed = reviewed or dt.date.today() - dt.timedelta(days=30)
    return "".join(_lines(shape, flow_id, reviewed))


def site(kind: str, nodes: int, flows: int, reviewed: dt.date | None = None) -> str:
    """The flows.yaml text of a help centre: `flows` flows of `kind`, `nodes` nodes in all."""
    reviewed = reviewed or dt.date.today() - dt.timedelta(days=30)
    parts = ["version: 1\nlanguages: [id]\nflows:\n"]
    for number in range(flows):
        shape = SHAPES[kind](max(4, nodes // flows))
        title = f"Topik {number + 1}: {_phrase(number, 2)}"
        parts.extend(_flow_lines(shape, f"topik-{number + 1}", reviewed, title))
    return "".join(parts)


def _lines(shape: Shape, flow_id: str, reviewed: dt.date) -> Iterator[str]:
    yield "version: 1\nlanguages: [id]\nflows:\n"
    yield from _flow_lines(shape, flow_id, reviewed, f"Uji {shape.nodes} simpul")


def _flow_lines(shape: Shape, flow_id: str, reviewed: dt.date, title: str) -> Iterator[str]:
    yield f"  {flow_id}:\n"
    yield f"    title: {_q(title)}\n"
    yield "    summary: Alur buatan untuk mengukur kecepatan pemeriksa dan situs.\n"
    yield f"    start: {next(iter(shape.questions))}\n"
    yield "    questions:\n"
    for n, (qid, targets) in enumerate(shape.questions.items()):
        yield f"      {qid}:\n"
        yield f"        text: Bagaimana {_phrase(n, 4)} Anda saat ini ({qid})?\n"
        if n % 5 == 0:
            yield f"        help: Lihat **{_phrase(n + 1, 2)}** di halaman pesanan {n} Anda.\n"
        yield "        options:\n"
        for k, target in enumerate(targets):
            yield f"          - label: {_q(f'{_phrase(n + k, 2).capitalize()} {k + 1}')}\n"
            yield f"            next: {target}\n"
    yield "    outcomes:\n"
    for n, oid in enumerate(shape.outcomes):
        yield f"      {oid}:\n"
        yield f"        title: {_q(f'Panduan {_phrase(n, 3)} ({oid})')}\n"
        if n % 2 == 0:
            yield f"        summary: Ikuti langkah ini untuk {_phrase(n + 2, 5)} nomor {n}.\n"
        yield "        steps:\n"
        for k in range(3 + n % 3):
            verb = VERBS[(n + k) % len(VERBS)].capitalize()
            words = f"**{_phrase(n + k, 2)}** lalu {_phrase(n * 3 + k, 4)}"
            yield f"          - {verb} menu {words} untuk pesanan {n}-{k}.\n"
        yield "          - text: Tunggu konfirmasi dari penjual.\n"
        detail = f"Biasanya {1 + n % 3} hari kerja; lihat {_phrase(n + 4, 3)} {n}."
        yield f"            detail: {detail}\n"
        if n % 3 == 0:
            yield "        notes:\n"
            warning = _q(f"Jangan {_phrase(n + 5, 4)} ({n}).")
            yield f"          - {{type: warning, text: {warning}}}\n"
        yield f"        reviewed: {reviewed.isoformat()}\n"


SHAPES = {"tree": tree, "dag": dag}


def edited(text: str, every: int = 100) -> str:
    """`text` (one synthetic flow, from `render`) as an editor might change it before publishing:
    every `every`-th guide renamed with its line under `moved:`, the guide halfway between each
    two of those renamed without one (an address that breaks, for `diff` to find a page for),
    and a step of each reworded."""
    outcomes = re.findall(r"^      (panduan-\d+):$", text, re.M)
    kept = outcomes[::every]
    broken = outcomes[every // 2 :: every]
    for old in [*kept, *broken]:
        text = re.sub(rf"\b{old}\b", f"{old}-baru", text)
    for old in kept:
        # The first step of the renamed guide, reworded: "Buka menu …" -> "Buka halaman …".
        start = text.index(f"      {old}-baru:\n")
        step = text.index("          - ", start)
        line_end = text.index("\n", step)
        text = text[:step] + text[step:line_end].replace(" menu ", " halaman ", 1) + text[line_end:]
    moved = "".join(f"      {old}: {old}-baru\n" for old in kept)
    start = re.search(r"^    start: .*\n", text, re.M)
    assert start is not None
    return text[: start.end()] + "    moved:\n" + moved + text[start.end() :]


def main(argv: list[str]) -> int:
    flows = argv[2] if len(argv) == 3 else "1"
    if len(argv) not in (2, 3) or argv[0] not in SHAPES or not (argv[1] + flows).isdigit():
        print("usage: python -m bench.synth tree|dag NODES [FLOWS] > flows.yaml", file=sys.stderr)
        return 2
    if flows == "1":
        sys.stdout.write(render(SHAPES[argv[0]](int(argv[1]))))
    else:
        sys.stdout.write(site(argv[0], int(argv[1]), int(flows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
