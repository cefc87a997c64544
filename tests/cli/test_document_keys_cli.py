"""`document new/edit --set KEY=VALUE` with a key the template does not have (a typo:
warrenty for warranty) is refused naming the keys it has, and nothing is saved: before, the
value was kept where nothing printed it and the form still said 质保期 was missing."""

from __future__ import annotations

import json

from cli_runner import new_archive
from cli_runner import run_cli as run


def _documents(db) -> list[dict]:
    return json.loads(run("documents", "list", "--json", "--db", db).stdout)


def test_a_key_the_template_lacks_is_refused(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    new = ("document", "new", "--template", "purchase_contract", "--title", "服务器购销合同")

    refused = run(*new, "--set", "warrenty=两年", "--db", db)

    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "表单：模板中没有“warrenty”，可填：contract_no、" in refused.stderr
    assert "、warranty、" in refused.stderr
    assert _documents(db) == []

    made = run(*new, "--set", "warranty=两年", "--db", db)
    assert made.returncode == 0, made.stderr
    [document] = _documents(db)
    edit = ("document", "edit", str(document["id"]), "--by", "张三", "--db", db)
    typo = run(*edit, "--set", "court=乙方所在地人民法院", "--set", "copys=贰")
    assert typo.returncode == 1 and "模板中没有“copys”" in typo.stderr
    shown = json.loads(run("document", "show", document["id"], "--json", "--db", db).stdout)[
        "document"
    ]
    assert shown["version"] == 1 and "court" not in shown["values"]
