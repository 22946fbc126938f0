"""One problem, one finding: which diagnostic wins when several rules flag the same thing.

A closing paragraph that restates the article ("In summary, the troops ...") is one problem,
but three rules see a part of it: NL401 (the paragraph restates earlier ones), NL404 or NL402
(phrases or the whole paragraph repeated) and NL603 or NL405 (the essay formula it opens
with). Reporting all of them tells an editor the same thing three times.

The precedence, applied after suppressions:

- An NL401 (``repetitive-summary``) diagnostic wins over, inside its span: every NL402
  (``restated-paragraph``) and NL404 (``repeated-phrase``), which are the restatement it
  already reports, and an NL603 (``stock-filler``) or NL405 (``formulaic-conclusion``) that
  starts where the paragraph starts, which is its opening formula.
- The diagnostics it wins over are not reported on their own: each becomes a ``related``
  location of the winner, with its code and message, so nothing is lost in JSON, SARIF or
  the full text report.

Other findings inside the paragraph (a second filler phrase further on, a hedge) are other
problems, and stay.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newslint.diagnostics import Diagnostic, Related

#: The winning code, the codes it absorbs anywhere in its span, and those it absorbs only
#: where its span starts.
PRECEDENCE: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("NL401", frozenset({"NL402", "NL404"}), frozenset({"NL603", "NL405"})),
)


def _inside(inner: Diagnostic, outer: Diagnostic) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)


def fold(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` (of one document) with the ones a winner absorbs folded into it."""
    winners = {code for code, _, _ in PRECEDENCE}
    if not any(d.code in winners for d in diagnostics):
        return list(diagnostics)
    out = list(diagnostics)
    for code, anywhere, at_start in PRECEDENCE:
        for index, winner in enumerate(out):
            if winner is None or winner.code != code:
                continue
            absorbed = []
            for other_index, other in enumerate(out):
                if other is None or other is winner or not _inside(other, winner):
                    continue
                starts_with = (other.line, other.column) == (winner.line, winner.column)
                if other.code in anywhere or (other.code in at_start and starts_with):
                    absorbed.append(other)
                    out[other_index] = None  # type: ignore[call-overload]
            if absorbed:
                related = winner.related + tuple(
                    Related(
                        o.line, o.column, o.end_line, o.end_column, f"also {o.code}: {o.message}"
                    )
                    for o in absorbed
                )
                out[index] = dataclasses.replace(winner, related=related)
    return [d for d in out if d is not None]
