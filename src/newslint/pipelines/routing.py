"""Which command lines the corpus runner takes (:mod:`newslint.pipelines.cli`).

Kept apart and free of imports: the command line asks on every run, and a run that is not a
corpus run (a pre-commit hook's) must not pay for loading the corpus runner.
"""

from __future__ import annotations

from typing import Any

#: The output format that only corpus runs write.
ATTRIBUTES = "attributes"


def is_corpus_path(path: str) -> bool:
    """Whether ``path`` names a JSON Lines corpus by its extension (gzipped or not)."""
    name = path.lower().removesuffix(".gz")
    return name.endswith((".jsonl", ".ndjson"))


def wanted(args: Any) -> bool:
    """Whether this run needs the corpus runner."""
    if getattr(args, "scheduler", None) or getattr(args, "shard", None):
        return True
    if getattr(args, "output_dir", None) or args.format == ATTRIBUTES:
        return True
    if getattr(args, "drop", None) or getattr(args, "max_findings", None) is not None:
        return True
    corpus_input = any(
        is_corpus_path(p) or (p == "-" and args.input_format == "jsonl") for p in args.paths
    )
    gzipped = any(p.lower().endswith((".jsonl.gz", ".ndjson.gz")) for p in args.paths)
    selected = [*(args.select or ()), *(getattr(args, "extend_select", None) or ())]
    # NL110 learns from the whole corpus first, so it runs only when named: selecting a
    # family ("NL1") keeps the ordinary runner.
    learns = any(
        code == "NL110" for value in selected for code in value.upper().replace(",", " ").split()
    )
    return gzipped or (corpus_input and (args.fix or args.diff or learns))
