"""Template labels show in Chinese punctuation, as the printed document has them, and a label
marked optional is optional whichever parentheses the template writes (可选) with."""

from __future__ import annotations

from pathlib import Path

from cli_runner import run_cli

from app.domain import documents as rules
from app.services import documents

TEMPLATES = Path(__file__).resolve().parents[2] / "resources" / "templates"


def test_shipped_labels_show_full_width_parentheses():
    body = (TEMPLATES / "purchase_contract.tpl").read_text(encoding="utf-8")
    labels = {p.key: p.label for p in rules.placeholders(body)}
    assert labels["quality_standard"] == "质量标准（技术要求）"
    assert labels["acceptance_days"] == "验收期限（天）"
    known = {p.key: p.label for p in rules.placeholders("{{amount.capitals}}")}
    assert known["amount.capitals"] == "金额（大写）"


def test_optional_either_way():
    body = "{{a|附件(可选)}}\n{{b|抄送（可选）}}\n{{c|主题}}"
    found = {p.key: p for p in rules.placeholders(body)}
    assert found["a"].optional and found["a"].label == "附件（可选）"
    assert found["b"].optional and found["b"].label == "抄送（可选）"
    assert not found["c"].optional
    assert [p.key for p in rules.missing_placeholders(body, {})] == ["c"]


def test_a_users_template_in_the_archive(archive):
    documents.save_template(
        archive,
        "own_notice",
        "我的通知",
        "# 通知\n{{deadline|截止日期(工作日)}}\n{{remark|备注（可选）}}\n{{note|说明(可选)}}",
        "notice",
    )
    record = documents.create_document(archive, "notice", "own_notice", "通知")
    missing = documents.missing_values(archive, record.id)
    assert [p.label for p in missing] == ["截止日期（工作日）"]


def test_the_command_line_lists_missing_labels_in_chinese_punctuation(tmp_path):
    db = tmp_path / "a.sqlite3"
    made = run_cli("document", "new", "--template", "purchase_contract", "--db", db)
    assert made.returncode == 0, made.stderr
    assert "质量标准（技术要求）" in made.stdout and "验收期限（天）" in made.stdout
    assert "(技术要求)" not in made.stdout
