"""newslint on Dask (``pip install 'newslint[dask]'``): bags, dataframes and clusters.

Each function maps whole partitions, so a worker receives the
:class:`~newslint.ArticleLinter` (its configuration only) once per partition and loads the
rules once per process; the results are the :func:`~newslint.pipelines.attributes` rows the
command line writes, in the input's order.

- :func:`lint_bag`: a bag of records (dicts) to a bag of attributes rows;
- :func:`lint_frame`: a dataframe's text column to a series of attributes rows;
- :func:`learn_furniture`: NL110's first pass as a bag reduction;
- :func:`connect`: a client of a running scheduler, or of a ``LocalCluster`` it starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
    from distributed import Client, LocalCluster
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError("newslint.pipelines.dask needs Dask: pip install 'newslint[dask]'") from error

from newslint.pipelines.article import ArticleLinter
from newslint.pipelines.furniture import LineCounts, source_of


def _record_rows(
    records: Iterable[Mapping[str, Any]], linter: ArticleLinter, text_key: str, id_key: str | None
) -> list[dict[str, Any]]:
    from newslint.pipelines.attributes import error_row

    rows = []
    for record in records:
        text = record.get(text_key)
        article_id = record.get(id_key) if id_key is not None else None
        if not isinstance(text, str):
            rows.append(error_row(article_id, f"no text field {text_key!r}"))
            continue
        title = record.get("title")
        row = linter.attributes(
            text,
            id=article_id,
            title=title if isinstance(title, str) else None,
            meta=record,
        )
        rows.append(row)
    return rows


def lint_bag(
    bag: db.Bag,
    linter: ArticleLinter | None = None,
    *,
    text_key: str = "text",
    id_key: str = "id",
) -> db.Bag:
    """A bag of records (dicts with a text and an id) to a bag of attributes rows, one per
    record, in order. A record without a text gives a row with ``error``."""
    linter = linter or ArticleLinter()
    return bag.map_partitions(_record_rows, linter, text_key, id_key)


def _frame_rows(frame: Any, linter: ArticleLinter, text_column: str, id_column: str | None):
    import pandas as pd

    records = frame.to_dict("records")
    rows = _record_rows(records, linter, text_column, id_column)
    if id_column is None:
        for row, index in zip(rows, frame.index, strict=True):
            row["id"] = index if not hasattr(index, "item") else index.item()
    return pd.Series(rows, index=frame.index, dtype=object, name="newslint")


def lint_frame(
    frame: dd.DataFrame,
    linter: ArticleLinter | None = None,
    *,
    text_column: str = "text",
    id_column: str | None = None,
) -> dd.Series:
    """A dataframe's text column to a series (same index) of attributes rows; the row id is
    ``id_column``'s value, or the index. Join it back with ``frame.assign(newslint=...)``;
    the other columns are passed to the rules as the record (NL110 reads ``url``)."""
    linter = linter or ArticleLinter()
    return frame.map_partitions(
        _frame_rows, linter, text_column, id_column, meta=("newslint", "object")
    )


def _count_partition(records: Iterable[Mapping[str, Any]], text_key: str, capacity: int):
    counts = LineCounts(capacity)
    for record in records:
        text = record.get(text_key)
        if isinstance(text, str):
            counts.add_article(source_of(record), text)
    return counts


def _merge(parts: Iterable[LineCounts]) -> LineCounts:
    total: LineCounts | None = None
    for part in parts:
        total = part if total is None else total.merge(part)
    return total if total is not None else LineCounts()


def learn_furniture(
    bag: db.Bag, *, text_key: str = "text", capacity: int | None = None
) -> LineCounts:
    """NL110's first pass over a bag of records: each partition counted apart, the capped
    counters merged (a tree reduction). Pass the result to
    :meth:`ArticleLinter.with_furniture` before :func:`lint_bag`."""
    import functools

    from newslint.pipelines.furniture import DEFAULT_CAPACITY

    count = functools.partial(
        _count_partition, text_key=text_key, capacity=capacity or DEFAULT_CAPACITY
    )
    return bag.reduction(count, _merge, split_every=8).compute()


@contextlib.contextmanager
def connect(address: str, *, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (``tcp://HOST:PORT``), or, for ``local``, of
    a ``LocalCluster`` of ``workers`` single-threaded worker processes (default 2), closed
    on exit. Linting is pure Python, so only processes, not threads, use more cores."""
    if address == "local":
        with (
            LocalCluster(
                n_workers=workers or 2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    with Client(address) as client:
        yield client
