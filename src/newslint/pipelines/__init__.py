"""newslint over corpora: one article at a time, in whatever engine runs the pipeline.

- :mod:`~newslint.pipelines.article`: :class:`ArticleLinter`, built once per worker, sent
  to it as its configuration only;
- :mod:`~newslint.pipelines.attributes`: findings as dolma-shaped span attributes;
- :mod:`~newslint.pipelines.corpus`: JSON Lines corpora, chunk by chunk, on any executor
  (annotate, attributes, clean, filter);
- :mod:`~newslint.pipelines.cli` and :mod:`~newslint.pipelines.routing`: the command line's
  corpus runs (``--format attributes``, ``--fix``, ``--drop``, ``--scheduler``, ``--shard``);
- :mod:`~newslint.pipelines.furniture`: NL110, lines a source repeats across its articles;
- :mod:`~newslint.pipelines.datatrove` and :mod:`~newslint.pipelines.dask`: the engines
  (optional extras ``newslint[datatrove]`` and ``newslint[dask]``).

See ``docs/pipelines.md``.
"""
