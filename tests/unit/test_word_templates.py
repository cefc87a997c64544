"""Word templates (issue 12 §4): import with checks, export of every template, filling the
Word file, the PDF from the same lines, and comparing versions character by character."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from word_samples import W, document_xml, paragraphs, tables, write_docx

from app.db.repositories import attachments as attachment_repo
from app.domain import documents as rules
from app.domain import text_diff
from app.domain.enums import ClientStatus, Tier
from app.domain.errors import ValidationError
from app.domain.messages import describe
from app.domain.records import ClientDraft
from app.services import clients, documents, settings
from app.services.documents import ContractLine, Edit, word

pytestmark = pytest.mark.both_backends


@pytest.fixture
def client_id(archive):
    settings.save_company(
        archive,
        settings.CompanySettings(
            name="华信科技有限公司", phone="010-88886666", bank="工行", bank_account="0200"
        ),
    )
    draft = ClientDraft(name="北京恒信贸易有限公司", tier=Tier.A, status=ClientStatus.ACTIVE)
    return clients.create_client(archive, draft, []).id


def _stored(archive) -> tuple[int, int, list[str]]:
    with archive.db.read() as session:
        blobs = attachment_repo.all_blobs(session)
    files = sorted(archive.blobs.stored())
    return len(documents.list_templates(archive)), len(blobs), files


@pytest.mark.parametrize("template", documents.file_templates(), ids=lambda t: t.key)
def test_every_builtin_template_exports_and_imports_back_with_nothing_lost(
    archive, tmp_path, template
):
    out = word.export_template(archive, template.key, tmp_path / f"{template.key}.docx")
    root = document_xml(out)
    tags = [t.get(f"{{{W}}}val") for t in root.iter(f"{{{W}}}tag")]
    assert tags and set(tags) == {p.key for p in rules.placeholders(template.body)}
    result = word.import_template(archive, out, template.kind, f"{template.name}(Word)")
    back = documents.get_template(archive, result.template.key)
    assert back.docx and back.kind == template.kind
    assert rules.parse_lines(back.body) == rules.parse_lines(template.body)  # every clause
    assert rules.placeholders(back.body) == rules.placeholders(template.body)  # every field
    assert list(result.fields) == rules.placeholders(template.body)
    again = word.export_template(archive, back.name, tmp_path / "again.docx")
    assert again.read_bytes() == out.read_bytes()  # an imported template exports as imported


def test_a_word_file_as_legal_sends_it_imports_with_its_fields(archive, tmp_path):
    result = word.import_template(
        archive, write_docx(tmp_path / "法务.docx"), "agreement", "法务合同"
    )
    body = result.template.body
    assert body.splitlines()[0] == "# 设备采购合同"  # style named Title under the id a3
    assert "## 第一条 标的" in body
    assert "交货地点为{{delivery_place|交货地点}}。" in body  # a tag split over four runs
    assert "质保期{{warranty|质保期}}。" in body  # the tracked deletion reads as accepted
    assert "> {{company.name}}" in body
    assert [p.key for p in result.fields] == [
        "client.name",
        "lines_table",
        "amount.capitals",
        "delivery_place",
        "warranty",
        "company.name",
        "signature",
    ]
    assert [t.name for t in documents.list_templates(archive) if t.docx] == ["法务合同"]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("合同.doc", b"\xd0\xcf\x11\xe0old word", "不是 Word 文档"),
        ("合同.docx", b"PK\x03\x04 broken", "已损坏"),
        ("合同.docx", None, "client.nmae"),
        ("合同.docx", "literal", "{{ 交货 地点 }}"),
        ("合同.docx", "inline_block", "lines_table"),
    ],
)
def test_a_bad_file_is_refused_by_name_and_nothing_is_kept(archive, tmp_path, name, content, says):
    from word_samples import LEGAL_BODY, control, docx_bytes

    path = tmp_path / name
    if content is None:
        body = LEGAL_BODY.replace('w:val="client.name"', 'w:val="client.nmae"')
        path.write_bytes(docx_bytes(body))
    elif content == "literal":
        path.write_bytes(docx_bytes("<w:p><w:r><w:t>交货地点{{ 交货 地点 }}</w:t></w:r></w:p>"))
    elif content == "inline_block":
        xml = "<w:p><w:r><w:t>明细如下:</w:t></w:r>" + control("lines_table", "明细") + "</w:p>"
        path.write_bytes(docx_bytes(xml))
    else:
        path.write_bytes(content)
    before = _stored(archive)
    with pytest.raises(ValidationError) as caught:
        word.import_template(archive, path, "agreement", "坏模板")
    message = describe(caught.value)
    assert message.startswith("Word 模板") and says in message
    assert _stored(archive) == before


def test_reimport_under_the_same_name_replaces_the_file_and_delete_removes_it(archive, tmp_path):
    first = word.import_template(archive, write_docx(tmp_path / "a.docx"), "agreement", "法务合同")
    other = tmp_path / "b.docx"
    write_docx(other, "<w:p><w:r><w:t>新版本:</w:t></w:r></w:p>")
    second = word.import_template(archive, other, "agreement", "法务合同")
    assert second.replaced and second.template.key == first.template.key
    assert documents.get_template(archive, "法务合同").body == "新版本:\n"
    _, blobs, files = _stored(archive)
    assert blobs == 1 and len(files) == 1  # the first file is no longer kept
    documents.delete_template(archive, first.template.key)
    _, blobs, files = _stored(archive)
    assert blobs == 0 and files == []


def _legal_document(archive, tmp_path, client_id):
    word.import_template(archive, write_docx(tmp_path / "法务.docx"), "agreement", "法务合同")
    lines = [ContractLine("服务器", "R740", 2, "台", 45000)]
    values = {"delivery_place": "甲方仓库", "warranty": "十二个月"}
    return documents.create_document(
        archive, "agreement", "法务合同", client_id=client_id, values=values, lines=lines
    )


def test_a_document_from_a_word_template_fills_the_word_file(archive, tmp_path, client_id):
    doc = _legal_document(archive, tmp_path, client_id)
    out = word.document_docx(archive, doc.id, tmp_path / "filled.docx").path
    text = paragraphs(out)
    assert "需方:北京恒信贸易有限公司" in text
    assert "交货地点为甲方仓库。" in text and "质保期十二个月。" in text
    assert "合同总价:玖万元整" in text
    assert not any("{{" in t or "［" in t for t in text)
    root = document_xml(out)
    assert not list(root.iter(f"{{{W}}}sdt"))  # a plain Word file for the other party
    title = next(root.iter(f"{{{W}}}p"))
    assert title.find(f"{{{W}}}pPr/{{{W}}}pStyle").get(f"{{{W}}}val") == "a3"  # kept as is
    grid, signing = tables(out)
    assert grid[0][:3] == ["序号", "产品名称", "规格型号"]
    assert grid[1] == ["1", "服务器", "R740", "2", "台", "45,000.00", "90,000.00"]
    assert grid[-1][0] == "合计" and "玖万元整" in grid[-1][1]
    assert signing[1] == ["单位名称(盖章):北京恒信贸易有限公司", "单位名称(盖章):华信科技有限公司"]


def test_a_clause_edited_in_the_app_is_rewritten_in_the_word_file(archive, tmp_path, client_id):
    doc = _legal_document(archive, tmp_path, client_id)
    body = doc.body.replace("交货地点为", "交货地点改为").replace("> {{company.name}}\n", "")
    body += "双方另行约定的事项以补充协议为准。\n"
    documents.save_document(archive, doc.id, Edit(body=body))
    out = word.document_docx(archive, doc.id, tmp_path / "edited.docx").path
    text = paragraphs(out)
    assert "交货地点改为甲方仓库。" in text and "交货地点为甲方仓库。" not in text
    assert "华信科技有限公司" not in [t.strip() for t in text]  # the line taken out
    assert text[-1] == "双方另行约定的事项以补充协议为准。"
    edited = [p for p in document_xml(out).iter(f"{{{W}}}p") if "改为" in "".join(p.itertext())]
    assert edited[0].find(f"{{{W}}}r/{{{W}}}rPr/{{{W}}}b") is not None  # its run format kept


def test_the_pdf_of_a_word_template_document_prints_the_same_lines(archive, tmp_path, client_id):
    doc = _legal_document(archive, tmp_path, client_id)
    pdf = documents.print_document(archive, doc.id, tmp_path / "doc.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf.path).pages).replace("\n", "")
    for expected in ("设备采购合同", "交货地点为甲方仓库", "质保期十二个月", "玖万元整"):
        assert expected.replace(" ", "") in text.replace(" ", "")


def test_a_builtin_template_document_is_written_as_word_too(archive, tmp_path, client_id):
    doc = documents.create_document(
        archive,
        "letter",
        "letter",
        client_id=client_id,
        values={"subject": "价格调整", "body": "第一段。\n第二段。", "contact_line": "张敏"},
    )
    missing = documents.missing_values(archive, doc.id)
    values = {**doc.values, **{p.key: "值" for p in missing if not p.automatic}}
    documents.save_document(archive, doc.id, Edit(values=values))
    out = word.document_docx(archive, doc.id, tmp_path / "letter.docx")
    assert out.draft
    text = paragraphs(out.path)
    assert "第一段。" in text and "第二段。" in text  # a value of two lines: two paragraphs
    assert "华信科技有限公司(盖章)" in text


def test_writing_word_is_refused_while_values_are_missing(archive, tmp_path, client_id):
    doc = documents.create_document(archive, "agreement", "purchase_contract", client_id=client_id)
    with pytest.raises(documents.DocumentIncomplete):
        word.document_docx(archive, doc.id, tmp_path / "no.docx")
    assert not (tmp_path / "no.docx").exists()


def test_a_one_character_edit_marks_exactly_that_character(archive, tmp_path, client_id):
    rows = text_diff.compare_texts("甲\n质保期十二个月。\n丙", "甲\n质保期十八个月。\n丙")
    assert [r.mark for r in rows] == [" ", "~", " "]
    changed = rows[1]
    assert [(p.op, p.text) for p in changed.pieces if p.op != " "] == [("-", "二"), ("+", "八")]
    assert text_diff.inline_text(changed) == "质保期十[-二-]{+八+}个月。"
    doc = _legal_document(archive, tmp_path, client_id)
    documents.save_document(archive, doc.id, Edit(values={**doc.values, "warranty": "十八个月"}))
    rows = text_diff.changed_rows(documents.compare_versions(archive, doc.id, 1, 2))
    assert [(r.mark, text_diff.inline_text(r)) for r in rows] == [
        ("~", "质保期十[-二-]{+八+}个月。")
    ]


def test_an_unrelated_rewrite_shows_as_removed_and_added():
    rows = text_diff.compare_texts("本合同一式两份。", "争议由乙方所在地法院管辖。")
    assert [r.mark for r in rows] == ["-", "+"]


@pytest.mark.file_only
def test_a_backup_carries_the_word_file_and_the_copy_fills_from_it(archive, tmp_path, client_id):
    from app.services.archive import backup, open_archive

    doc = _legal_document(archive, tmp_path, client_id)
    result = backup(archive, tmp_path / "backup" / "copy.sqlite3")
    assert result.attachments == 1 and not result.damaged
    copy = open_archive(result.path)
    try:
        out = word.document_docx(copy, doc.id, tmp_path / "from-backup.docx").path
        assert "交货地点为甲方仓库。" in paragraphs(out)
        assert documents.get_template(copy, "法务合同").docx
    finally:
        copy.close()


def test_clauses_numbered_by_word_read_with_their_numbers_and_keep_the_numbering(
    archive, tmp_path, client_id
):
    from word_samples import NUMBERED_BODY, NUMBERING

    source = write_docx(tmp_path / "编号.docx", NUMBERED_BODY, NUMBERING)
    result = word.import_template(archive, source, "agreement", "编号合同")
    assert result.template.body.splitlines()[:5] == [
        "## 第一条 标的",
        "## 1.1 规格",
        "## 1.2 数量",
        "## 第二条 交货",
        "## 2.1 地点",
    ]
    doc = documents.create_document(
        archive, "agreement", "编号合同", client_id=client_id, values={"delivery_place": "仓库"}
    )
    body = doc.body.replace("## 第二条 交货", "## 第二条 交货与验收") + "## 第三条 其他\n"
    documents.save_document(archive, doc.id, Edit(body=body))
    out = word.document_docx(archive, doc.id, tmp_path / "numbered.docx").path
    root = document_xml(out)
    found = []
    for p in root.iter(f"{{{W}}}p"):
        num = p.find(f"{{{W}}}pPr/{{{W}}}numPr/{{{W}}}numId")
        found.append(("".join(p.itertext()), num.get(f"{{{W}}}val") if num is not None else None))
    assert found == [
        ("标的", "1"),  # Word numbers it 第一条, as before
        ("规格", "1"),
        ("数量", "1"),
        ("交货与验收", "1"),  # edited in the app: still numbered by Word, not twice
        ("地点", "1"),
        ("交货地点:仓库", None),
        ("第三条 其他", None),  # added in the app: its number is its text
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCounting", "二十"),
        (35, "chineseCounting", "三十五"),
        (105, "chineseCounting", "一百零五"),
        (112, "chineseCounting", "一百一十二"),
        (3, "chineseLegalSimplified", "叁"),
        (3, "ideographTraditional", "丙"),
        (4, "decimalEnclosedCircleChinese", "④"),
        (14, "lowerRoman", "xiv"),
        (28, "upperLetter", "BB"),
        (7, "decimal", "7"),
    ],
)
def test_word_numbers_read_as_word_shows_them(n, fmt, shown):
    from app.exports.docx_numbering import format_number

    assert format_number(n, fmt) == shown


def test_a_copy_of_a_word_template_fills_the_same_word_file(archive, tmp_path, client_id):
    word.import_template(archive, write_docx(tmp_path / "法务.docx"), "agreement", "法务合同")
    source = documents.get_template(archive, "法务合同")
    copy = documents.copy_template(archive, source.key, "legal_copy", "法务合同(副本)")
    assert copy.docx
    documents.delete_template(archive, source.key)
    _, blobs, files = _stored(archive)
    assert blobs == 1 and len(files) == 1  # the copy still uses the file
    exported = word.export_template(archive, "legal_copy", tmp_path / "copy.docx")
    assert exported.read_bytes() == (tmp_path / "法务.docx").read_bytes()
