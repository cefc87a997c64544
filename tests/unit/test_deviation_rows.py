"""Rows of a response/deviation table from a paste (Excel/Word text or HTML) or a sheet."""

from app.domain.deviation_rows import from_clipboard, normalise, parse_html, parse_text


def test_excel_text_with_a_quoted_multiline_cell():
    text = '1\t"CPU:\n不少于32核"\t64核\t正偏离\t\r\n2\t内存 256GB\t512GB\t正偏离\t优于要求\r\n'
    assert from_clipboard(text) == [
        ["CPU:\n不少于32核", "64核", "正偏离", ""],
        ["内存 256GB", "512GB", "正偏离", "优于要求"],
    ]


def test_heading_row_and_serial_column_are_dropped_extra_cells_join_the_remark():
    rows = [
        ["序号", "招标文件要求", "投标响应", "偏离情况", "说明"],
        ["一、", "交货期", "20日", "正偏离", "提前", "10日"],
        [None, "", "", "", ""],
        [2.0, "质保", "五年"],
    ]
    assert normalise(rows) == [
        ["交货期", "20日", "正偏离", "提前 10日"],
        ["质保", "五年", "", ""],
    ]


def test_a_requirement_numbered_like_1_is_not_taken_for_a_serial_when_alone():
    assert normalise([["3"]]) == [["3", "", "", ""]]
    assert parse_text("第一行\n第二行") == [["第一行"], ["第二行"]]


def test_word_html_table_when_there_is_no_text():
    html = (
        "<html><body><table><tr><td><p>招标文件要求</p></td><td>投标响应</td></tr>"
        "<tr><td>响应时间<br>2 小时</td><td>1&nbsp;小时</td><td>正偏离</td></tr>"
        "</table><table><tr><td>ignored</td></tr></table></body></html>"
    )
    assert parse_html(html)[1] == ["响应时间\n2 小时", "1\xa0小时", "正偏离"]
    assert from_clipboard("", html) == [["响应时间\n2 小时", "1 小时", "正偏离", ""]]
    assert from_clipboard("a\tb", html) == [["a", "b", "", ""]]  # the text wins


def test_a_data_row_naming_response_and_deviation_is_not_a_heading():
    row = ["第二条", "响应\n二", "负偏离", "见说明"]
    assert normalise([row]) == [row]
    assert normalise([["招标要求", "响应情况", "偏离"], ["a", "b", "c"]]) == [["a", "b", "c", ""]]
