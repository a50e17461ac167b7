"""A year of usage written straight into the daily rollup, for the Costs pane's benchmark
and its 1M-row test: the rollup rows ``benchmarks/costs.py``'s N records would fold into,
in seconds instead of minutes.

:func:`usage_sums` draws exactly what :func:`benchmarks.costs.usage_events` draws (the same
random calls in the same order, so the same seed gives the same usage) but keeps only each
record's (day, dimensions, micro-units), folded as the projection folds them;
:func:`write_rollup` writes them with the projection's own upsert
(:data:`app.store.usage_rollup.UPSERT`). A test checks that the result equals the rollup the
projection builds from the real events.

No events are appended: the rollup's checkpoint stays where it was, so usage recorded later
(real events) is caught up on top of it as usual.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import Engine

from app.domain.costs.usage import MICRO
from app.store.engine import WRITE
from app.store.usage_rollup import _KEY, UPSERT
from benchmarks.costs import DAYS, ENVIRONMENTS, FIRST_DAY, PLATFORMS, RESOURCES, TENANTS

Key = tuple[str, ...]  # (day, platform, environment, tenant, category, provider, resource, sku, unit)
MILLI_TO_MICRO = int(MICRO) // 1000  # usage_events' quantities have three decimals
MINUTES_PER_DAY = 24 * 60


def usage_sums(count: int, seed: int) -> dict[Key, list[int]]:
    """(day, dimensions) -> [micro-units, records] of ``usage_events(count, Random(seed))``."""
    rng = random.Random(seed)
    days = [(FIRST_DAY + timedelta(days=n)).isoformat() for n in range(DAYS)]
    sums: dict[Key, list[int]] = {}
    for _ in range(count):
        resource, unit, category, provider, sku, whose = rng.choice(RESOURCES)
        day = days[rng.randrange(DAYS * MINUTES_PER_DAY) // MINUTES_PER_DAY]
        micro = rng.randrange(1, 5_000_000) * MILLI_TO_MICRO
        platform = "" if whose == "owner" else rng.choice(PLATFORMS)
        environment = {"owner": "", "tenant": "production"}.get(whose) or rng.choice(ENVIRONMENTS)
        tenant = f"{platform}-customer-{rng.randrange(TENANTS)}" if whose == "tenant" else ""
        key = (day, platform, environment, tenant, category, provider, resource, sku, unit)
        found = sums.get(key)
        if found is None:
            sums[key] = [micro, 1]
        else:
            found[0] += micro
            found[1] += 1
    return sums


def write_rollup(engine: Engine, tenant_id: str, sums: dict[Key, list[int]]) -> int:
    """Add ``sums`` to ``tenant_id``'s rollup in one transaction; how many rows were written."""
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    statement = UPSERT.format(", ".join([mark] * (len(_KEY) + 2)))
    rows = [(tenant_id, *key, micro, records) for key, (micro, records) in sums.items()]
    with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        conn.exec_driver_sql(statement, rows)
    return len(rows)
