"""A figure found in a report (a sentence or a table row) and proposed for an indicator; the
proposals of one report combined, summed, or set apart when sentences compete for one figure."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ttdn_desktop.core.figure_text import APPROXIMATE, COLUMN, OTHER_UNIT, RANGE, UNCLEAR, WORDS


@dataclass(frozen=True)
class Proposal:
    key: tuple[str, str]
    value: int | float | None  # None: a figure stated in words only ("hàng trăm")
    source: str          # the sentence or table row it came from
    confidence: float
    origin: str = "text"  # "text" (a sentence) or "table"
    # Why the figure stated is no exact value of the period (figure_text: APPROXIMATE,
    # RANGE, CHANGE, EARLIER, PLAN, UNCLEAR, WORDS): shown, never accepted nor summed.
    not_exact: str = ""
    phrase: str = ""     # the words that state it, as written ("hơn 200 tin, bài")

    @property
    def exact(self) -> bool:
        return not self.not_exact


def to_ask(proposal: Proposal) -> bool:
    """A figure left out whose exact value only the agency knows (about, a range, written
    unclearly or in words): the user is told to ask; a change on last year, another period's
    figure or a plan is no figure of this period to ask about."""
    return proposal.not_exact.startswith((APPROXIMATE, RANGE, UNCLEAR, WORDS, COLUMN,
                                          OTHER_UNIT))


def combine_proposals(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per figure: the same value of the same key stated in a sentence and in a
    table (or twice in one sentence) is one figure, shown with both sources; the table's
    proposal is the one kept. A figure left out (not exact) stays apart from the exact ones."""
    kept: dict[tuple, tuple[int, Proposal]] = {}
    extra: list[tuple[int, Proposal]] = []
    for n, proposal in sorted(enumerate(proposals), key=lambda item: item[1].origin != "table"):
        marker = (proposal.key, proposal.value, proposal.not_exact)
        if marker not in kept:
            kept[marker] = (n, proposal)
            continue
        first_n, first = kept[marker]
        if proposal.origin == first.origin and proposal.source != first.source:
            extra.append((n, proposal))  # two sentences, two things of the same size
            continue
        if proposal.source not in first.source:
            first = replace(first, source=f"{first.source} | cũng nêu: {proposal.source}",
                            confidence=max(first.confidence, proposal.confidence))
        kept[marker] = (min(first_n, n), first)
    return [p for _, p in sorted(list(kept.values()) + extra, key=lambda item: item[0])]


def _by_sentence(proposals: list[Proposal]) -> dict[tuple[str, str], dict[str, list]]:
    """Each key's figures, by the sentence (or table cell) they were read from: a table's
    figure for a key is the figure (the sentences about it repeat it or detail it); the same
    value from the same source counts once. A figure that is no exact value of the period
    (about, a range, a change, another period's, a plan) never counts, whoever accepted it."""
    seen, by_key = set(), {}
    proposals = [p for p in proposals if p.exact and p.value is not None]
    tabled = {p.key for p in proposals if p.origin == "table"}
    for proposal in proposals:
        if proposal.key in tabled and proposal.origin != "table":
            continue
        marker = (proposal.key, proposal.value, proposal.source)
        if marker not in seen:
            seen.add(marker)
            by_key.setdefault(proposal.key, {}).setdefault(proposal.source, []).append(proposal)
    return by_key


def competing(proposals: list[Proposal]) -> dict[tuple[str, str], list[Proposal]]:
    """Keys given figures by more than one sentence («Phát hành 9.000 cuốn bản tin.» and «Bộ
    tài liệu … in 3.800 bản.» both read as «Số bản ấn phẩm»): whether one is part of the
    other or both of a total is the user's to say, never ours to guess."""
    return {key: [p for found in sources.values() for p in found]
            for key, sources in _by_sentence(proposals).items() if len(sources) > 1}


def sum_proposals(proposals: list[Proposal]) -> dict[tuple[str, str], int | float]:
    """Accepted proposals as figures: the parts one sentence lists for a key add up («120
    tin, bài trên Báo … và 45 tin, bài trên Đài …»); keys given figures by several sentences
    (competing()) are left out — added, 9.000 bulletins and 3.800 brochures were stored as
    12.800 while the breakdown added to 3.800. The front ends let one be chosen, or name them."""
    return {key: sum(p.value for p in next(iter(sources.values())))
            for key, sources in _by_sentence(proposals).items() if len(sources) == 1}
