"""pdf approval-form and the per-owner 催办单 through the real entry point."""

from __future__ import annotations

from cli_runner import new_archive
from cli_runner import run_cli as run
from pdf_checks import page_text
from pypdf import PdfReader


def _ok(*args: object) -> str:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _flat(path) -> str:
    return "".join("".join(page_text(p).split()) for p in PdfReader(str(path)).pages)


def test_a_documents_approval_form_to_sign(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    _ok("company", "--name", "华信科技有限公司", "--db", db)
    sets = ["subject=放假", "recipient=各单位", "body=放假安排"]
    args = [x for s in sets for x in ("--set", s)]
    _ok("document", "new", "--kind", "notice", "--template", "notice", *args, "--db", db)
    _ok("document", "submit", "1", "--by", "刘芳", "--db", db)
    out = tmp_path / "form.pdf"
    assert "（1 页）" in _ok("pdf", "approval-form", "1", out, "--db", db)
    flat = _flat(out)
    assert "发文审批单" in flat and "送审:第1稿(系统登记:刘芳," in flat
    assert flat.count("日期:____年__月__日") == 3
    missing = run("pdf", "approval-form", "9", tmp_path / "x.pdf", "--db", db)
    assert missing.returncode == 1 and "9" in missing.stderr and not (tmp_path / "x.pdf").exists()


def test_the_digest_prints_a_page_per_owner(tmp_path):
    db = new_archive(tmp_path / "a.sqlite3")
    actions = ("回访客户|王芳|2020-03-05", "整理资料|李强|2020-03-06", "核对应收|王芳|2020-03-07")
    _ok(
        "minutes",
        "add",
        "--title",
        "周例会",
        "--time",
        "2020-03-02 09:30",
        *[x for a in actions for x in ("--action", a)],
        "--db",
        db,
    )
    out = tmp_path / "digest.pdf"
    assert "（2 页）" in _ok("pdf", "digest", out, "--db", db)
    pages = ["".join(page_text(p).split()) for p in PdfReader(str(out)).pages]
    assert "责任人:王芳" in pages[0] and "回访客户" in pages[0] and "核对应收" in pages[0]
    assert "责任人:李强" in pages[1] and "整理资料" in pages[1] and "王芳" not in pages[1]
    for text in pages:
        assert "签收反馈" in text and "责任人签收:______" in text
