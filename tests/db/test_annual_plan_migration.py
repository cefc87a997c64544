"""Migration 0018 (the annual plan and the sales forecast): a monthly plan written before it
keeps its figures, its months are not pinned, the year can be planned over it; down again, the
monthly plan is as it was."""

from __future__ import annotations

import sqlite3
from decimal import Decimal

from clock import FIXED_NOW

from app.db import archive_file
from app.services import annual_plans, forecasts
from app.services.archive import open_archive


def _tables(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_a_monthly_plan_from_0017_becomes_the_lowest_level_of_the_annual_plan(tmp_path):
    path = tmp_path / "old.sqlite3"
    archive_file.migrate(path, target="0017")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO monthly_targets (year, month, owner, clients, visits, signings,"
            " signed_products, signed_amount_fen, receipts_fen)"
            " VALUES (2027, 2, '张伟', 3, 20, 2, 4, 50000000, 12345678)"
        )
    conn.close()

    archive = open_archive(path, clock=lambda: FIXED_NOW)
    try:
        assert {"annual_plans", "sales_forecasts"} <= _tables(path)
        view = annual_plans.year_view(archive, 2027, "张伟")
        assert view.months[1].plan == Decimal("123456.78") and not view.months[1].pinned
        assert not view.explicit and view.total.plan == Decimal("123456.78")
        # planning the year re-splits every month (none was entered by hand)
        view = annual_plans.set_year_plan(archive, 2027, Decimal("1200.00"), "张伟")
        assert [m.plan for m in view.months] == [Decimal("100.00")] * 12
        forecasts.set_forecast(archive, "张伟", 2027, 2, Decimal("99.00"))
    finally:
        archive.close()

    archive_file.downgrade(path, "0017")
    assert not {"annual_plans", "sales_forecasts"} & _tables(path)
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT visits, receipts_fen FROM monthly_targets WHERE month = 2"
        ).fetchone()
        columns = [r[1] for r in conn.execute("PRAGMA table_info(monthly_targets)")]
    finally:
        conn.close()
    assert row == (20, 10000) and "receipts_pinned" not in columns
