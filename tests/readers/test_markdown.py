from __future__ import annotations

import newslint
from newslint.config import Config
from newslint.readers.markdown import MarkdownReader

BOILERPLATE = Config(select=["NL1"])

ARTICLE = """---
title: Loading Now
---

# Budget passes

The council approved the plan, [the clerk said](https://example.com/Loading-Now).

```
Loading Now
```

- Loading Now
- Second item with `Post Comment` code.

<div class="ad">Advertisement</div>

Post Comment
"""


def test_markdown_lints_prose_only_and_positions_map_back():
    found = newslint.lint_text(ARTICLE, path="story.md", config=BOILERPLATE)
    # The list item, the text inside an HTML block, and the last line; not the front
    # matter, the link target or the code block.
    assert [(d.line, d.column, d.code) for d in found] == [
        (13, 3, "NL101"),
        (16, 17, "NL101"),
        (18, 1, "NL101"),
    ]
    lines = ARTICLE.split("\n")
    assert lines[12][2:].startswith("Loading Now")


def test_masked_text_keeps_every_offset():
    doc = MarkdownReader().read(ARTICLE, "story.md")
    assert len(doc.text) == len(ARTICLE)
    assert [i for i, c in enumerate(ARTICLE) if c == "\n"] == [
        i for i, c in enumerate(doc.text) if c == "\n"
    ]
    assert "https" not in doc.text and "class" not in doc.text
    assert "the clerk said" in doc.text


def test_headings_and_list_items_are_their_own_paragraphs():
    doc = MarkdownReader().read("# Title here\nBody text follows.\n\n- one\n- two\n", "a.md")
    texts = [p.text.strip() for p in doc.paragraphs]
    assert texts == ["Title here", "Body text follows.", "one", "two"]
    assert doc.paragraphs[0].is_heading


def test_same_text_as_plain_text_lints_the_code_block_too():
    found = newslint.lint_text(ARTICLE, path="story.txt", config=BOILERPLATE)
    assert (10, 1) in [(d.line, d.column) for d in found]
