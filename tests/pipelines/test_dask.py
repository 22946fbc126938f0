"""newslint on a real Dask LocalCluster of 2 worker processes: the same rows as one process."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pandas")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

from newslint import ArticleLinter
from newslint.cli import main
from newslint.pipelines.dask import learn_furniture, lint_bag, lint_frame
from newslint.pipelines.furniture import learn

from corpora import corpus_fixture, make_articles  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def test_a_bag_gives_the_rows_one_process_gives(client):
    records = make_articles(48)
    linter = ArticleLinter(plugins=False)
    rows = lint_bag(db.from_sequence(records, npartitions=6), linter).compute()
    assert rows == [linter.attributes(r["text"], id=r["id"], meta=r) for r in records]
    assert any(row["counts"] for row in rows) and any(not row["counts"] for row in rows)
    workers = {w for w in client.run(lambda: 1)}
    assert len(workers) == 2


def test_a_dataframe_column_gives_the_rows_one_process_gives(client):
    records = make_articles(30, seed=3)
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=3)
    linter = ArticleLinter(plugins=False)
    rows = lint_frame(frame, linter, id_column="id").compute().tolist()
    assert rows == [linter.attributes(r["text"], id=r["id"], meta=r) for r in records]


def test_furniture_learned_as_a_reduction_equals_one_pass(client):
    records = make_articles(60)
    bag = db.from_sequence(records, npartitions=5)
    learned = learn_furniture(bag)
    assert learned.counts == learn(records).counts
    linter = ArticleLinter(plugins=False, select=["NL110"]).with_furniture(learned)
    rows = lint_bag(bag, linter).compute()
    flagged = [row for row in rows if "NL110" in row["counts"]]
    assert flagged  # each source's newsletter line, learned from the corpus
    for row, record in zip(rows, records, strict=True):
        for start, end, _ in row["attributes"].get("newslint__NL110__corpus-furniture", []):
            assert record["text"][start:end] in (
                "Get the Harbour Gazette briefing in your inbox each weekday",
                "Valley Times members enjoy unlimited reading on any device",
                "Share this article",
                "Read more: click here to subscribe",
            )


def test_the_command_line_on_a_scheduler_writes_what_it_writes_alone(client, corpus, tmp_path):
    alone, distributed = tmp_path / "alone.jsonl", tmp_path / "dask.jsonl"
    args = ["--format", "attributes", "--no-plugins", "--extend-select", "NL110", str(corpus)]
    assert main([*args, "-o", str(alone)]) == 2  # the unreadable record
    address = client.scheduler.address
    assert main([*args, "-o", str(distributed), "--scheduler", address]) == 2
    assert distributed.read_bytes() == alone.read_bytes()
    rows = [json.loads(line) for line in alone.read_text().splitlines()]
    assert len(rows) == 61 and "error" in rows[30]
