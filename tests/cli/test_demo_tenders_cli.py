"""`sales-compass demo` includes the tenders: listed by the CLI, a prepared packet prints."""

from __future__ import annotations

import json

from cli_runner import run_cli as run
from pypdf import PdfReader


def test_demo_archive_has_tenders_and_a_packet_ready_to_print(tmp_path):
    db = tmp_path / "demo.sqlite3"
    made = run("demo", "--clients", "20", "--db", db)
    assert made.returncode == 0, made.stderr
    listed = run("tender", "list", "--json", "--db", db)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 30
    assert {r["status"] for r in rows} >= {"中标", "未中标", "准备投标", "已投标", "跟踪中"}
    library = run("qualification", "list", "--json", "--db", db)
    assert len(json.loads(library.stdout)) >= 10
    ready = next(r for r in rows if r["status"] == "准备投标")
    out = tmp_path / "packet.pdf"
    printed = run("pdf", "tender-packet", ready["id"], out, "--db", db)
    assert printed.returncode == 0, printed.stderr
    reader = PdfReader(out)
    assert len(reader.pages) > 10
    assert "投标函" in [item.title for item in reader.outline if not isinstance(item, list)]
