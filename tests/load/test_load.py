"""The CI short form of the load test: 10 clients for 10 s against gunicorn on PostgreSQL, 0 errors.

The archive is a small synthetic one (bench/synthetic.py) written into the test
database; `make stress` runs the long form (50 clients, 60 s, the 20k benchmark archive).
"""

import pytest
from django.db import connection

from tests.load import loadtest

pytestmark = [pytest.mark.load, pytest.mark.django_db(transaction=True)]


def test_ten_clients_for_ten_seconds_without_a_single_error():
    if connection.vendor != "postgresql":
        pytest.skip("the load test runs gunicorn workers on PostgreSQL (SQLite serialises them)")
    from bench import synthetic

    synthetic.build(300, seed=3)
    s = connection.settings_dict
    url = f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    connection.close()  # the server's workers get the connections
    result = loadtest.measure(url, clients=10, seconds=10, workers=2, port=8112, max_requests=5000, single_seconds=3)
    load = result["load"]
    assert result["mix"]["persons"] > 0 and result["mix"]["exports"] > 0
    assert load["requests"] > 20, load
    assert load["errors"] == 0, load
    assert result["single"]["errors"] == 0, result["single"]
    assert load["p95_ms"] < 10_000, load
    print(f"\nload short form: {load['requests']} requests, p95 {load['p95_ms']} ms "
          f"(single client {result['single']['p95_ms']} ms)")
