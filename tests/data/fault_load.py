"""Helper for tests/test_faults.py: stage, extract and load one folder into a warehouse.

Usage: python fault_load.py INPUT_DIR WAREHOUSE RESULTS_CACHE

Extraction results are cached in RESULTS_CACHE (JSON) so repeated runs skip
spaCy. With ``FAULT_SLEEP_IN_TXN=SECONDS`` in the environment, the load prints
``IN_TXN`` after writing its first article and sleeps *inside* the load's
transaction, so the test can kill the process there. The hook lives here, in
the test helper, not in production code.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from pydantic import TypeAdapter

from newsevents import staging, warehouse
from newsevents.warehouse import loading
from schemas import ExtractionResult

# Fixed so that two runs produce byte-identical rows (timestamps are part of the checksums).
NOW = dt.datetime(2026, 1, 1, 12, 0, 0)
TODAY = dt.date(2026, 1, 1)
RESULTS = TypeAdapter(list[ExtractionResult])


def main(input_dir: Path, db: Path, cache: Path) -> None:
    staged = staging.stage_directory(input_dir, today=TODAY)
    if cache.exists():
        results = RESULTS.validate_json(cache.read_bytes())
    else:
        from newsevents.extract import extract_articles

        results = extract_articles(staged.articles)
        cache.write_bytes(RESULTS.dump_json(results))
    sleep = float(os.environ.get("FAULT_SLEEP_IN_TXN", "0"))
    if sleep:
        original = loading._write_events

        def write_then_stall(*args: object, **kwargs: object) -> int:
            written = original(*args, **kwargs)
            print("IN_TXN", flush=True)
            time.sleep(sleep)
            return written

        loading._write_events = write_then_stall
    with warehouse.connect(db, retries=0) as con:
        warehouse.migrate(con)
        warehouse.load(
            con, staged.articles, results, staged.quarantined, flow_run_id="fault", now=NOW
        )
    print("LOADED", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
