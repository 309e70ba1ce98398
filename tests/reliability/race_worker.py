"""One contender of a race: set Django up, wait for the agreed instant, ingest the file, print the result.

    python tests/reliability/race_worker.py START_EPOCH PATH

Run several at once with the same START_EPOCH (a moment ~3 s ahead, once every process has
imported Django): they call ``ingest_file`` within a millisecond of each other.
"""

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

from articles import ingestion  # noqa: E402

start, path = float(sys.argv[1]), Path(sys.argv[2])
data = path.read_bytes()
connection.ensure_connection()
while time.time() < start:
    time.sleep(0.0005)
result = ingestion.ingest_file(data=data, filename=path.name)
print(json.dumps(result.as_dict(), ensure_ascii=False))
