"""Furniture lines (NL106-NL109): what a user sees on extractor output and on edited copy."""

from __future__ import annotations

import json
from importlib import resources

import newslint
from newslint import Document
from newslint.checks import furniture_signals
from newslint.config import Config
from newslint.fixes import apply_fixes

NL1 = Config(select=("NL1",))

#: Extractor output of a made-up page: a menu, the story, then the page's footer.
PAGE_LINES = [
    "News",
    "Sport",
    "Weather",
    "TV guide",
    "Sign in",
    "Bus fares to rise in March",
    "Bus fares will rise by 5% in March, the transport authority said on Monday.",
    "The authority said the rise would pay for two new routes in the north of the city.",
    "Drivers' unions said they had not been consulted, and asked for a meeting this week.",
    "Share this story",
    "Most popular stories",
    "Privacy policy | Terms of use | Contact us",
]
MENU = {"News", "Sport", "Weather", "TV guide", "Sign in"}
FOOTER = {"Share this story", "Most popular stories", "Privacy policy | Terms of use | Contact us"}


def flagged(text: str) -> dict[str, str]:
    """Flagged line text -> code, for the NL1xx rules."""
    lines = text.split("\n")
    found = newslint.lint_text(text, config=NL1, plugins=False)
    return {lines[d.line - 1]: d.code for d in found}


def test_menu_and_footer_lines_are_flagged_and_the_story_is_not():
    hits = flagged("\n".join(PAGE_LINES))
    assert set(hits) == MENU | FOOTER


def test_single_newlines_and_blank_lines_give_the_same_verdicts():
    assert flagged("\n".join(PAGE_LINES)) == flagged("\n\n".join(PAGE_LINES))


def test_the_headline_above_the_story_is_kept():
    assert "Bus fares to rise in March" not in flagged("\n".join(PAGE_LINES))


def test_a_line_a_named_rule_reports_gets_that_finding_only():
    found = newslint.lint_text("\n".join(PAGE_LINES), config=NL1, plugins=False)
    lines = [d.line for d in found]
    assert len(lines) == len(set(lines))
    share = PAGE_LINES.index("Share this story") + 1
    assert [d.code for d in found if d.line == share] == ["NL101"]


def test_the_message_names_the_signals_that_fired():
    found = newslint.lint_text("\n".join(PAGE_LINES), config=NL1, plugins=False)
    menu = [d for d in found if d.code == "NL106" and d.line == 1]
    assert menu and "(" in menu[0].message
    names = menu[0].message.split("(", 1)[1].rstrip(")").split("; ")
    assert set(names) <= set(furniture_signals.SIGNALS.values())


def test_the_safe_fix_deletes_whole_furniture_lines_and_keeps_the_story():
    text = "\n".join(PAGE_LINES) + "\n"
    found = newslint.lint_text(text, config=NL1, plugins=False)
    fixed = apply_fixes(text, found)
    assert fixed.text.splitlines() == PAGE_LINES[5:9]


def test_hard_wrapped_prose_is_judged_as_paragraphs():
    wrapped = (
        "Council approves new bus routes\n\n"
        "The city council approved two new bus routes on Tuesday, after a\n"
        "year of complaints from residents of the northern estates who said\n"
        "the nearest stop was a half-hour walk away.\n\n"
        "The routes start in May, the transport department said, and will\n"
        "run every twenty minutes during the day.\n"
    )
    doc = Document(wrapped)
    assert [unit.lines for unit in furniture_signals.units(doc)] == [1, 3, 2]
    assert flagged(wrapped) == {}


def test_professional_copy_with_a_list_stays_quiet():
    article = (
        "Festival adds three dates\n\n"
        "The folk festival will add three dates this summer, its organisers said on Friday.\n\n"
        "The new dates are:\n\n"
        "June 3, Leeds\n\n"
        "June 5, York\n\n"
        "June 9, Hull\n\n"
        "Tickets go on sale next week, and prices are unchanged from last year, they said.\n"
    )
    assert flagged(article) == {}


def test_raising_min_probability_quiets_the_model():
    text = "\n".join(PAGE_LINES)
    strict = Config(select=("NL106",), options={"NL106": {"min_probability": 0.9999}})
    loose = Config(select=("NL106",))
    assert len(newslint.lint_text(text, config=strict, plugins=False)) < len(
        newslint.lint_text(text, config=loose, plugins=False)
    )


def test_lines_in_unspaced_scripts_are_not_judged():
    text = "\n".join(["ニュース", "スポーツ", "天気", *PAGE_LINES[6:9]])
    assert flagged(text) == {}


def test_stamp_and_credit_lines_get_their_own_codes():
    text = "\n".join(
        [
            "Updated 3 hours ago",
            *PAGE_LINES[6:8],
            "Photo: Jane Doe/Example Agency",
            PAGE_LINES[8],
        ]
    )
    hits = flagged(text)
    assert hits["Updated 3 hours ago"] == "NL107"
    assert hits["Photo: Jane Doe/Example Agency"] == "NL108"


def test_an_inline_run_gets_an_unsafe_fix_that_keeps_the_sentence():
    text = "The mayor won a second term on Sunday. Read more: Election night in pictures\n"
    (diagnostic,) = newslint.lint_text(text, config=NL1, plugins=False)
    assert diagnostic.code == "NL109" and diagnostic.fix.applicability == "unsafe"
    assert apply_fixes(text, [diagnostic]).text == text
    fixed = apply_fixes(text, [diagnostic], unsafe=True).text
    assert fixed == "The mayor won a second term on Sunday.\n"


def test_the_shipped_model_weighs_known_signals_only():
    raw = json.loads(
        resources.files("newslint.checks").joinpath("furniture_model.json").read_text("utf-8")
    )
    assert set(raw["weights"]) == set(furniture_signals.SIGNALS)
    assert 0.5 <= raw["threshold"] < 1


def test_the_seed_keeps_exactly_its_furniture_findings(seed_text):
    found = newslint.lint_text(seed_text, config=NL1, plugins=False)
    assert sorted(d.code for d in found) == ["NL101", "NL101", "NL102", "NL105"]


LONG_FOOTER = (
    "© 2024 Example Media Group, a division of Example Holdings. All material on this site is "
    "protected by copyright and may not be reproduced, distributed, transmitted, cached or "
    "otherwise used, except with the prior written permission of Example Media Group. Use of "
    "this site constitutes acceptance of our terms of use and privacy policy, and of the "
    "cookie policy that goes with them."
)


def test_a_copyright_footer_of_any_length_is_flagged():
    assert len(LONG_FOOTER) > 300  # longer than the line rules of NL103 look at
    text = "\n\n".join([*PAGE_LINES[6:9], LONG_FOOTER]) + "\n"
    found = newslint.lint_text(text, config=NL1, plugins=False)
    assert [(d.code, d.line) for d in found] == [("NL106", 7)]
    assert "copyright" in found[0].message


def test_a_paragraph_that_only_ends_in_a_rights_notice_is_kept():
    paragraph = PAGE_LINES[6] + " " + PAGE_LINES[7] + " All rights reserved to appeal, he said."
    text = "\n\n".join([paragraph, PAGE_LINES[8]]) + "\n"
    assert flagged(text) == {}


def test_a_row_of_interface_words_is_flagged_between_paragraphs_and_a_subheading_is_not():
    first, second = PAGE_LINES[6], PAGE_LINES[7]
    row = "\n\n".join([first, "Print | Email | Share", second]) + "\n"
    subheading = "\n\n".join([first, "Share prices slide", second]) + "\n"
    assert flagged(row) == {"Print | Email | Share": "NL106"}
    assert flagged(subheading) == {}


def test_a_label_pointing_at_other_stories_is_flagged_and_a_sentence_after_it_is_not():
    first, second = PAGE_LINES[6], PAGE_LINES[7]
    link = "\n\n".join([first, "Related: Ten Bridges That Changed Their Cities", second]) + "\n"
    sentence = "\n\n".join([first, "Related: the two closures are not connected, he said.", second])
    assert flagged(link) == {"Related: Ten Bridges That Changed Their Cities": "NL106"}
    assert flagged(sentence + "\n") == {}


#: A statistics table as trafilatura writes one: a cell to a line, with its borders.
STATS_TABLE = [
    "| Pos |",
    "Player |",
    "Minutes |",
    "% |",
    *[
        cell
        for position, player, minutes, share in (
            ("FW", "Sam Lee", "88", "98%"),
            ("FW", "Ana Ruiz", "75", "83%"),
            ("MF", "Tom Hale", "90", "100%"),
            ("MF", "Joe Park", "12", "13%"),
        )
        for cell in (f"| {position} |", f"{player} |", f"{minutes} |", f"{share} |")
    ],
]


def test_a_table_of_figures_inside_the_story_is_kept():
    text = "\n".join([PAGE_LINES[6], "Minutes played by position:", *STATS_TABLE, PAGE_LINES[7]])
    assert flagged(text) == {}


def test_a_menu_row_next_to_a_table_of_figures_is_still_flagged():
    text = "\n".join([PAGE_LINES[6], *STATS_TABLE, "Share this story", PAGE_LINES[7]])
    assert flagged(text) == {"Share this story": "NL101"}


def test_a_related_stories_heading_and_a_contact_line_are_flagged():
    first, second, third = PAGE_LINES[6:9]
    heading, contact = "Most read in business", "Write to Sam Lee at sam.lee@example.com"
    text = "\n".join([first, second, heading, contact, third])
    found = newslint.lint_text(text, config=NL1, plugins=False)
    assert {(d.line, d.code) for d in found} == {(3, "NL106"), (4, "NL106")}
    assert "heading of a box of other stories" in found[0].message
    assert "how to reach someone" in found[1].message
