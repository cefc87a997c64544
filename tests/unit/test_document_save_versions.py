"""Two people editing the same document (issue 14 §3): a document save made on an older
record_version is refused with who saved or reviewed it since, and nothing is saved; the
command line's `document edit --if-version N` likewise (exit 3). On both back ends."""

from __future__ import annotations

import pytest
from cli_runner import run_cli
from clock import LATER

from app.domain.errors import ConflictError
from app.domain.messages import describe
from app.services import documents
from app.services.documents import Edit

pytestmark = pytest.mark.both_backends


@pytest.fixture
def letter(archive):
    return documents.create_document(archive, "letter", "letter", values={"subject": "对账"})


def test_a_document_save_on_an_older_version_is_refused(archive, other, letter):
    loaded = letter.record_version
    theirs = documents.save_document(
        other, letter.id, Edit(title="对账函之二"), expected_version=loaded
    )
    assert theirs.record_version > loaded and theirs.version == 2

    with pytest.raises(ConflictError) as refused:
        documents.save_document(
            archive, letter.id, Edit(title="对账函之三"), expected_version=loaded
        )
    error = refused.value
    assert (error.kind, error.record_id, error.who, error.at) == (
        "document",
        letter.id,
        "王五",
        LATER,
    )
    words = describe(error)
    assert words.startswith("此记录已被 王五 于 2026-11-26 10:35 修改：")
    assert "标题" in words and "对账函之二" in words and words.endswith("您的修改尚未保存。")
    now = documents.get_document(archive, letter.id)  # nothing of the refused save
    assert (now.title, now.version) == ("对账函之二", 2)

    mine = documents.save_document(  # made on the latest, it saves
        archive, letter.id, Edit(title="对账函之三"), expected_version=now.record_version
    )
    assert (mine.title, mine.version) == ("对账函之三", 3)


def test_document_edit_if_version_on_the_command_line(archive, other, letter):
    where = archive.path or str(archive.server)
    loaded = letter.record_version
    documents.save_document(other, letter.id, Edit(title="对账函之二"))

    refused = run_cli(
        "document", "edit", letter.id, "--title", "对账函之三",
        "--if-version", loaded, "--db", where,
    )  # fmt: skip
    assert refused.returncode == 3, refused.stderr
    assert "此记录已被 王五" in refused.stderr and "Traceback" not in refused.stderr
    assert documents.get_document(archive, letter.id).title == "对账函之二"

    shown = run_cli("document", "show", letter.id, "--json", "--db", where)
    import json

    current = json.loads(shown.stdout)["document"]["record_version"]
    saved = run_cli(
        "document", "edit", letter.id, "--title", "对账函之三",
        "--if-version", current, "--db", where,
    )  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    assert documents.get_document(archive, letter.id).title == "对账函之三"
