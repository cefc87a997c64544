"""`search` with a pasted page: answered, with a note on stderr that only the first characters
were searched (stdout stays plain results or JSON); never a traceback."""

from __future__ import annotations

import json

from cli_runner import new_archive, run_on

from app.services.search import MAX_QUERY_CHARS


def test_a_long_query_is_cut_with_a_note(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    added = run_on(db, "add-client", "--name", "北京华信科技有限公司")
    assert added.returncode == 0, added.stderr
    name = "北京华信科技有限公司"
    result = run_on(db, "search", name + " " * 60 + "华" * 10_000)
    assert result.returncode == 0, result.stderr
    assert f"只按前 {MAX_QUERY_CHARS} 个字查找" in result.stderr
    assert name in result.stdout
    as_json = run_on(db, "search", "华" * 10_000, "--json")
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == []
    assert "查找内容过长" in as_json.stderr and "Traceback" not in as_json.stderr
    plain = run_on(db, "search", name)
    assert plain.returncode == 0 and plain.stderr == ""
    odd = run_on(db, "search", 'NEAR(a b) OR "x" AND NOT y* ^z {a b}: -c')
    assert odd.returncode == 0 and "无结果" in odd.stdout and odd.stderr == ""
