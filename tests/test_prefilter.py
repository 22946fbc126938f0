"""The literal prefilter of pack rules: it may skip work, never a match."""

from __future__ import annotations

import copy
import functools

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.packs import PackRule
from newslint.prefilter import required_literals
from newslint.readers import build_document

from conftest import SEED


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"it\s+is\s+clear\s+that", {"clear"}),
        (r"(?:more\s+)?(?:interestingly|importantly)(?=\s*,)", {"interestingly", "importantly"}),
        (r"(?<=\b(?:is|was)\s)clearly\s+not", {"clearly"}),
        (r"colou?r", {"colo"}),
        (r"(?:very\s+)*unique", {"unique"}),
        (r"(?:best)+ known", {" known"}),
        (r"[»›]\s*home", {"home"}),
        (r"\w+\s*[»›]\s*\w+", {"»", "›"}),
        (r"(?i)Copyright|©", {"copyright", "©"}),
        (r"STRASSE", {"strasse"}),
        (r"(?-f)obviously|undoubtedly", {"obviously", "undoubtedly"}),
        (r"it\x27s\s+clear", {"clear"}),
    ],
)
def test_required_literals(pattern, expected):
    assert required_literals(pattern) == frozenset(expected)


@pytest.mark.parametrize(
    "pattern",
    [
        r"clearly|\w+",  # a branch with no literal
        r"(?:clearly)?",  # optional
        r"(?:clearly){0,2}",
        r"(clearly)\s+\1",  # back-reference: not modelled
        r"(?:clearly){e<=1}",  # fuzzy matching
        r"(?x) clearly",  # verbose mode
        r"(?:a|)",
        r"\L<words>",
    ],
)
def test_unknown_or_literal_free_patterns_are_never_filtered(pattern):
    assert required_literals(pattern) is None


WORDS = ["clearly", "Clearly", "CLEARLY", "straße", "ﬁrst", "first", "Kelvin", "is", "not", "—"]
PATTERNS = [
    r"(?<![\w-])clearly(?![\w-])",
    r"strasse|first\s+(?:is|not)",
    r"(?:is\s+)?kelvin",
    r"[—–]\s*not",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", "\n", ", "]), max_size=12), st.sampled_from(PATTERNS))
def test_a_text_that_matches_contains_a_required_literal(pieces, pattern):
    text = "".join(pieces)
    literals = required_literals(pattern)
    assert literals
    compiled = regex.compile(pattern, regex.VERSION1 | regex.IGNORECASE)
    if compiled.search(text):
        assert any(literal in text.casefold() for literal in literals)


def _unfiltered(rule: PackRule) -> PackRule:
    """``rule`` running its whole pattern over every paragraph: no literal filter, no
    splitting into alternatives."""
    clone = copy.copy(rule)
    clone._prefilter = False
    clone.__dict__.pop("_alternatives", None)
    clone.__dict__.pop("_gates", None)
    clone._compiled = {}
    return clone


def test_pack_rules_find_the_same_with_and_without_the_filter():
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    packs = [r for r in registry.sorted_rules() if isinstance(r, PackRule)]
    examples = [e for rule in registry.sorted_rules() for e in (*rule.fire, *rule.quiet)]
    texts = [SEED.read_text(encoding="utf-8"), "\n\n".join(examples), "\n".join(examples)]
    filtered_total = 0
    for text in texts:
        for rule in packs:
            doc, plain_doc = build_document(text, "a.txt"), build_document(text, "a.txt")
            found = [(f.start, f.end, f.message) for f in rule.check(doc)]
            plain = [(f.start, f.end, f.message) for f in _unfiltered(rule).check(plain_doc)]
            assert found == plain, rule.code
            filtered_total += len(found)
    assert filtered_total > 50


@functools.cache
def _phrase_rules_and_pieces() -> tuple[list[PackRule], list[str]]:
    """The shipped phrase rules, and pieces of text to mix: their examples whole, their
    words, and near misses (a phrase's first word inside a longer one, hyphens)."""
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    rules = [r for r in registry.sorted_rules() if isinstance(r, PackRule) and r.kind == "phrases"]
    examples = {text for rule in rules for text in (*rule.fire, *rule.quiet)}
    words = {word for text in examples for word in text.split()}
    near = {"with", "city", "it", "an", "may-be", "un-", "-it", "it's", "»", "(", '"', "\n\n"}
    return rules, sorted(examples | words | near)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_phrase_rules_find_the_same_with_and_without_the_filter_on_any_mix(data):
    """Where a phrase can begin is looked up in the folded text before it is matched: the
    findings are those of the whole pattern run over every paragraph."""
    rules, pieces = _phrase_rules_and_pieces()
    case = st.sampled_from([str, str.upper, str.title, str.lower])
    piece = st.builds(lambda text, change: change(text), st.sampled_from(pieces), case)
    separator = st.sampled_from([" ", "  ", "\n", ", ", "-", ""])
    drawn = data.draw(st.lists(st.tuples(piece, separator), max_size=12))
    text = "".join(part for pair in drawn for part in pair)
    for rule in rules:
        doc, plain_doc = build_document(text, "a.txt"), build_document(text, "a.txt")
        found = [(f.start, f.end, f.message) for f in rule.check(doc)]
        plain = [(f.start, f.end, f.message) for f in _unfiltered(rule).check(plain_doc)]
        assert found == plain, rule.code


def test_a_users_pack_is_still_compiled_when_it_loads(tmp_path):
    """Shipped packs compile on first use; a user's bad pattern is reported at once."""
    from newslint.packs import PackError, load_pack

    pack = tmp_path / "house.toml"
    pack.write_text(
        '[[rule]]\ncode = "HS101"\nname = "house-word"\ncategory = "style"\nkind = "regex"\n'
        'summary = "House word"\npatterns = ["synergy(?<=unclosed"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="HS101: bad pattern"):
        load_pack(pack, builtin=False)


def test_text_needing_full_case_folding_is_recognised():
    """Packs run a cheaper simple-case-folding pattern unless the text (or the pattern)
    has a character that folds to several; every such character must be recognised."""
    from regex import _regex

    from newslint.packs import _MULTI_FOLDS

    flags = regex.FULLCASE | regex.IGNORECASE | regex.UNICODE
    missed = [
        hex(cp)
        for cp in range(0x110000)
        if len(_regex.fold_case(flags, chr(cp))) > 1 and chr(cp) not in _MULTI_FOLDS
    ]
    assert missed == []


def test_full_case_folding_still_applies_where_the_text_needs_it():
    rule = PackRule(
        {"code": "HS101", "name": "hs-one", "category": "style", "summary": "x",
         "phrases": ["significant", "strasse"], "fire": ["significant"], "quiet": ["minor"]},
        {},
        plugin="test",
    )  # fmt: skip

    def starts(text: str) -> list[int]:
        return [f.start for f in rule.check(build_document(text, "a.txt"))]

    assert starts("A significant rise on the Strasse.") == [2, 26]
    # "ﬁ" and "ß" are one character each; full case folding still matches them.
    assert starts("A signiﬁcant rise on the Straße.") == [2, 25]


LITERALS = ["clear", "clearly", "e-mail", "mail", "»", "x", "of course", "ss", "the", "ea"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["clearly", "unclear", "e-mail", "(email)", "»", "x", "of", "course",
                         "strasse", "the", "idea,", " ", "\n", "-", "."]),
        max_size=15,
    ),
    st.lists(st.sampled_from(LITERALS), min_size=1, max_size=4),
)  # fmt: skip
def test_the_literal_index_finds_exactly_the_literals_a_text_holds(pieces, later):
    """Remembered words from earlier texts, and literals added later, change nothing."""
    from newslint.prefilter import LiteralIndex

    index = LiteralIndex()
    index.add(LITERALS[:5])
    index.present("the clear idea of an e-mail")
    index.add(later)
    text = "".join(pieces)
    assert index.present(text) == {x for x in {*LITERALS[:5], *later} if x in text}


def test_every_author_bio_opening_holds_a_role_word():
    """NL105 skips, without compiling anything, a paragraph that holds no role word."""
    from newslint.checks.boilerplate import _ROLE_WORDS, _patterns

    literals = required_literals(_patterns()[0].pattern)
    assert literals is not None
    assert all(any(word in literal for word in _ROLE_WORDS) for literal in literals)


def test_the_prepared_data_of_the_shipped_packs_is_current():
    """rules/prepared.json saves each process parsing the shipped packs and analysing their
    patterns. A stale entry changes no result (it is ignored), only costs start-up time.
    After editing a pack: python -c 'from newslint.packs import write_prepared as w; w()'
    """
    import json
    import tomllib

    from newslint.packs import PREPARED, builtin_packs_dir, shipped_sources
    from newslint.prefilter import _re_source, leading_literals, literal_requirements

    prepared = json.loads((builtin_packs_dir() / PREPARED).read_text(encoding="utf-8"))
    packs = {}
    for path in sorted(builtin_packs_dir().glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        packs[path.name] = {"text": text, "data": tomllib.loads(text)}
    assert prepared["packs"] == packs
    expected = {}
    for source in shipped_sources():
        groups = literal_requirements(source)
        expected[source] = None if groups is None else [sorted(group) for group in groups]
    assert prepared["requirements"] == expected
    assert prepared["re"] == {source: _re_source(source) for source in shipped_sources()}
    starts = {source: leading_literals(source) for source in shipped_sources()}
    assert prepared["starts"] == {k: None if v is None else sorted(v) for k, v in starts.items()}


def test_case_folding_keeps_offsets_and_case_insensitive_matches_on_safe_text():
    """Where the ``re`` engine runs a pack's phrase, the phrase is tried only where the text,
    case-folded, holds what it begins with: on every re-safe character that does not fold
    to several, folding gives one character (offsets are kept), and a character ``re``
    matches case-insensitively folds to what the pattern's character folds to."""
    import re

    from newslint.packs import _MULTI_FOLDS
    from newslint.prefilter import _RE_UNSAFE

    safe = [chr(c) for c in range(0x10000) if not _RE_UNSAFE.match(chr(c))]
    safe = [c for c in safe if c not in _MULTI_FOLDS]
    assert all(len(c.casefold()) == 1 for c in safe)
    for char in safe:
        pattern = re.compile(re.escape(char), re.IGNORECASE)
        assert all(c.casefold() == char.casefold() for c in safe if pattern.fullmatch(c))


def test_re_matches_as_regex_does_on_every_safe_character():
    """Shipped alternatives run with the stdlib ``re`` on text of RE_SAFE_CHARACTERS only:
    on those, every character class and case-insensitive comparison must agree."""
    import re

    from newslint.packs import _RE_UNSAFE

    safe = [chr(c) for c in range(0x2200) if not _RE_UNSAFE.match(chr(c))]
    assert len(safe) > 300
    pairs = [(e, e) for e in (r"\w", r"\W", r"\s", r"\S", r"\d", r"\D", ".")]
    for escape, translated in [*pairs, (r"\p{L}", r"[^\W\d_]")]:
        plain = re.compile(translated, re.I)
        folded = regex.compile("(?-f)" + escape, FLAGS)
        assert [c for c in safe if bool(plain.match(c)) != bool(folded.match(c))] == []
    from newslint.prefilter import _re_source

    for prop in ("L", "N"):  # as re reads them once translated, case-insensitive or not
        for form in ("{}", "[{}]", "[^{}]", r"[{}\s]", r"[^{}\s-]"):
            source = form.format(rf"\p{{{prop}}}")
            for re_flags, regex_flags in ((re.I, FLAGS), (0, regex.VERSION0)):
                plain = re.compile(_re_source(source), re_flags)
                folded = regex.compile("(?-f)" + source, regex_flags)
                assert [c for c in safe if bool(plain.match(c)) != bool(folded.match(c))] == []
    for p in safe:
        forms = ["{}", "[{}]", "[^{}]", r"[{}\s]"]
        for form in forms:
            plain = re.compile(form.format(re.escape(p)), re.I)
            folded = regex.compile("(?-f)" + form.format(regex.escape(p)), FLAGS)
            assert [t for t in safe if bool(plain.fullmatch(t)) != bool(folded.fullmatch(t))] == []


FLAGS = regex.VERSION1 | regex.IGNORECASE | regex.UNICODE


@pytest.mark.parametrize(
    ("source", "compatible"),
    [
        (r"(?<![\w-])(?:appears?|seemed)\s+to(?![\w-])", True),
        (r"[\w’\x27&,. -]{1,40}(?:\s*[»›]\s*home){2,6}", True),
        (r"a{e<=1}", False),  # fuzzy matching to regex, four characters to re
        (r"[a-z]", False),  # a range: case folding of ranges is not checked
        (r"[[a]]", False),  # a nested set to regex
        (r"\p{L}+", True),  # a letter: [^\W\d_] to re
        (r"[\p{L}-]+", True),  # the safe letters, listed
        (r"[^\p{L}\p{N}]", True),
        (r"\p{N}", True),  # [0-9]
        (r"\p{Lu}", False),  # case-insensitive, regex counts "µ" and "ß" as capitals
        (r"\p{Greek}", False),
        (r"(?i)x", False),
        (r"(?i:x)(?-i:y)", True),
        (r"(?s:x)", False),
        (r"(?P<n>x)", True),
        (r"(?P=n)", False),
        (r"(x)\1", False),
        (r"a\Zb", False),
        (r"x--y", False),
        ("ı", False),
    ],
)
def test_only_syntax_both_modules_read_alike_runs_with_re(source, compatible):
    from newslint.packs import _re_compatible

    assert _re_compatible(source) is compatible


def test_shipped_alternatives_find_the_same_with_re_and_regex():
    import re

    from newslint.packs import _RE_UNSAFE, _re_source
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    packs = [r for r in registry.sorted_rules() if isinstance(r, PackRule)]
    examples = [e for rule in registry.sorted_rules() for e in (*rule.fire, *rule.quiet)]
    text = _RE_UNSAFE.sub("?", SEED.read_text(encoding="utf-8") + "\n".join(examples))
    compared = 0
    for rule in packs:
        for source in rule._branches:
            translated = _re_source(source)
            try:
                plain = re.compile(translated, re.I) if translated is not None else None
            except re.error:  # variable-width look-behind: left to regex
                plain = None
            if plain is None:
                continue
            folded = regex.compile("(?-f)" + source, rule._flags)
            assert [m.span() for m in plain.finditer(text)] == [
                m.span() for m in folded.finditer(text)
            ], source
            lines = text.splitlines()
            assert [bool(plain.fullmatch(x)) for x in lines] == [
                bool(folded.fullmatch(x)) for x in lines
            ], source
            compared += 1
    assert compared > 100


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:(?:(?:facebook|twitter|x)\s+x)[\s.]*)", {"facebook", "twitter", "x"}),
        (r"(?<![\w-])abc?d", {"ab"}),
        (r"\(c\)|©", {"(", "©"}),
        (r"[»›]x", {"»", "›"}),
        (r"(?i:Abc)", {"abc"}),
        (r"(?:a|b)+c", {"a", "b"}),
        (r"\bfoo|^bar", {"foo", "bar"}),
        (r"(?:ab)?c", None),
        (r"a|\s", None),
        (r"(?i)abc", None),
        (r"x{0,2}y", None),
        (r"a*b", None),
        (r"(a)\1", None),
        (r"[^a]b", None),
        (r"(?:|a)b", None),
        (r".b", None),
    ],
)
def test_leading_literals(pattern, expected):
    from newslint.prefilter import leading_literals

    found = leading_literals(pattern)
    assert (None if found is None else set(found)) == expected


def test_every_line_a_shipped_line_rule_matches_starts_with_its_leading_literal():
    """Line rules skip, on re-safe text, a line that does not start with what the
    alternative starts with (case-folded), or lacks a literal it needs."""
    from newslint.packs import _RE_UNSAFE, _all_requirements, _holds, _line_start
    from newslint.plugins import get_registry

    registry = get_registry(autoload=False)
    rules = [r for r in registry.sorted_rules() if isinstance(r, PackRule) and r.kind == "line"]
    examples = [e for rule in registry.sorted_rules() for e in (*rule.fire, *rule.quiet)]
    lines = _RE_UNSAFE.sub("?", SEED.read_text(encoding="utf-8") + "\n".join(examples))
    lines = [line.strip() for line in lines.splitlines() if line.strip()]
    checked = 0
    for rule in rules:
        for alternative in rule._alternatives:
            leading = _line_start(alternative.source) or ("",)
            needs = _all_requirements(alternative.source)
            pattern = regex.compile("(?-f)" + alternative.source, rule._flags)
            for line in lines:
                if pattern.fullmatch(line):
                    assert line.casefold().startswith(leading), (alternative.source, line)
                    assert _holds(line.casefold(), needs), (alternative.source, line)
                    checked += 1
    assert checked > 20


LINE_PIECES = [
    "Share", "on", "Facebook", "Twitter", "x", "X", "Email", "©", "(c)", "Copyright", "2024",
    "Home", "News", "»", "›", "World", "Advertisement", "Read", "more", "ſhare", "ß", "The",
    "Loading", "now", "...", "Follow", "us", "Comments", "(3)", ":", "-", " ", "  ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINE_PIECES), min_size=1, max_size=8))
def test_a_line_that_matches_starts_with_a_leading_literal(pieces):
    from newslint.packs import _line_start
    from newslint.plugins import get_registry

    line = " ".join(pieces).strip()
    for rule in get_registry(autoload=False).sorted_rules():
        if not isinstance(rule, PackRule) or rule.kind != "line":
            continue
        for alternative in rule._alternatives:
            leading = _line_start(alternative.source)
            if leading is not None and _line_pattern(alternative.source, rule._flags).fullmatch(
                line
            ):
                assert line.casefold().startswith(leading), (alternative.source, line)


@functools.cache
def _line_pattern(source, flags):
    return regex.compile("(?-f)" + source, flags)
