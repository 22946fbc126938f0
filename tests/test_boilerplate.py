"""NL105 (author-bio): the stdlib ``re`` forms of its patterns, used on re-safe text."""

from __future__ import annotations

from newslint.prefilter import _RE_UNSAFE

SAFE = [chr(c) for c in range(0x2200) if not _RE_UNSAFE.match(chr(c))]


PIECES = [
    "Dana", "Whitfield", "dana", "O'Neil", "Jean-Luc", "St.", "Zoë", "Ærø", "ſam", "ßen", "ª",
    "is", "was", "has been", "works as", "a", "an", "the", "freelance", "award-winning",
    "journalist", "writers", "content creator", "intern", "international", "fellow",
    "About the author:", "about the author", ",", ", who lives in Leeds,", "based in",
    "her work", "master's degree", "years of experience", "Ph.D", "passionate", "x",
    "’", "-", ".", "7", "\u00a0", "\t", "\n",
]  # fmt: skip
