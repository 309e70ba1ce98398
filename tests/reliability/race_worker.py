"""One contender of a race: set Django up, wait for the agreed instant, ingest, print the results.

    python tests/reliability/race_worker.py START_EPOCH PATH [PATH ...] [--source NAME]

Run several at once with the same START_EPOCH (a moment ~3 s ahead, once every process has
imported Django): they start ingesting within a millisecond of each other. One path: the
``ingest_file`` service alone. Several: one batch, as ``manage.py ingest PATH PATH`` does.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles import batches, ingestion  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("start", type=float)
parser.add_argument("paths", nargs="+", type=Path)
parser.add_argument("--source")
options = parser.parse_args()

connection.ensure_connection()
while time.time() < options.start:
    time.sleep(0.0005)
if len(options.paths) == 1:
    path = options.paths[0]
    results = [ingestion.ingest_file(data=path.read_bytes(), filename=path.name, source_name=options.source)]
else:
    files = [ingestion.UploadItem(p.name, p.stat().st_size, open=lambda p=p: p.open("rb")) for p in options.paths]
    results = batches.ingest_batch([*files], source_name=options.source)
for result in results:
    print(json.dumps(result.as_dict(), ensure_ascii=False), flush=True)
