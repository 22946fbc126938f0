"""The default configuration: quiet on edited news, loud on padded or generated copy.

The default gate (``--fail-on warning``) is what a newsroom's CI sees. These articles were
written for newslint in the styles the defaults were measured on (bench/quiet.py,
bench/machine_filler.py).
"""

from __future__ import annotations

import newslint
from newslint.config import Config
from newslint.diagnostics import SEVERITY_RANK

EDITED = """Council backs bypass plan

The county council has approved a £40m bypass around the market town of Brayford, ending a
decade of argument over the route.

The road is expected to open in 2027. Analysts said the cost could rise if steel prices keep
climbing. Around 12,000 vehicles a day use the high street.

"We have waited long enough for this," said council leader Amira Shah. "Traffic has choked the
town centre for years.

"Now the diggers can move in," she added.

Opponents want a tunnel instead.

"They have paved paradise to put up a roundabout," Tom Reilly of the Brayford Green Group
joked.
"""

GENERATED = """Council backs bypass plan

In a significant step forward for the region, the county council has approved a new bypass.
The decision underscores the urgent need for better transport links and serves as a stark
reminder of the challenges facing rural towns.

Additionally, residents expressed their excitement about the project. As the debate continues,
it remains to be seen whether the plan will deliver. One thing is certain: the road will play
a crucial role in the town's future.
"""


def _lint(text: str) -> list[newslint.Diagnostic]:
    return list(newslint.lint_text(text, config=Config(), plugins=False))


def _warnings(found: list[newslint.Diagnostic]) -> list[newslint.Diagnostic]:
    return [d for d in found if SEVERITY_RANK[d.severity] >= SEVERITY_RANK["warning"]]


def test_edited_news_passes_the_default_gate_but_its_sourcing_notes_remain():
    found = _lint(EDITED)
    assert _warnings(found) == [], [f"{d.code} {d.message}" for d in _warnings(found)]
    # the vague source and the passive prediction are still reported, as info
    info = {d.code for d in found if d.severity == "info"}
    assert "NL202" in info


def test_a_colourful_speech_verb_gives_the_quote_a_speaker():
    # "joked", "quipped", "gushed": style books frown on them, but the quote has a speaker
    found = _lint(EDITED)
    assert not [d for d in found if d.code == "NL203"]


def test_generated_copy_fails_the_default_gate_on_filler_families():
    codes = {d.code for d in _warnings(_lint(GENERATED))}
    assert {"NL603", "NL604", "NL607"} <= codes


def test_a_stricter_desk_can_raise_sourcing_back_to_a_warning():
    strict = Config(severity={"NL202": "warning"})
    found = newslint.lint_text(EDITED, config=strict, plugins=False)
    assert any(d.code == "NL202" and d.severity == "warning" for d in found)
