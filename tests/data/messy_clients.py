"""A client list as teams really keep it, generated for the tests (the shape of the shared
clients_sample.xlsx): the import template's headings, clean rows mixed with the usual mess.

Row 2-5 import (tiers written A, B类, c, D; dates as real Excel dates, 2023/11/2, 2024年1月15日;
phones with spaces or +86). Row 6 has no name and a wrong USCC, row 7 a wrong USCC check
character, row 8 repeats row 2's client, row 9 is blank, row 10 has an impossible date. The 备注
of a faulty row says what is wrong with it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HEADINGS = (
    "客户名称",
    "统一社会信用代码",
    "客户等级",
    "行业",
    "地区",
    "地址",
    "客户经理",
    "建档日期",
    "联系人",
    "职务",
    "手机",
    "邮箱",
    "备注",
)

ROWS: tuple[tuple[object, ...], ...] = (
    (
        "广州嘉禾医疗设备有限公司",
        "9144010652601815X3",
        "A",
        "医疗",
        "广州",
        "广州市天河区体育西路100号",
        "王芳",
        datetime(2023, 5, 8),
        "周强",
        "设备科科长",
        "13800001111",
        "zhouq@example.com",
        None,
    ),
    (
        "苏州工业园区恒远电子有限公司",
        "913205949083016637",
        "B类",
        "制造",
        "苏州",
        "苏州工业园区星湖街8号",
        "李娜",
        "2023/11/2",
        "孙丽",
        "采购经理",
        "139 0000 2222",
        None,
        None,
    ),
    (
        "成都天府软件园信息技术有限公司",
        "915101071318609165",
        "c",
        "软件",
        "成都",
        "成都市高新区天府大道1700号",
        "刘洋",
        "2024年1月15日",
        "赵磊",
        "CTO",
        "+86 137-0000-3333",
        "zl@example.com",
        "年度框架协议",
    ),
    (
        "青岛海滨物流有限公司",
        None,
        "D",
        "物流",
        "青岛",
        "青岛市市南区香港中路9号",
        "王芳",
        datetime(2024, 2, 20),
        "钱伟",
        "总经理",
        "13600004444",
        None,
        None,
    ),
    (
        None,
        "91370200MA3C00000X",
        "A",
        "物流",
        "青岛",
        None,
        "王芳",
        datetime(2024, 2, 20),
        None,
        None,
        None,
        None,
        "名称为空：应被拒绝",
    ),
    (
        "厦门鹭岛环保科技有限公司",
        "913502033909960330",
        "B",
        "环保",
        "厦门",
        None,
        "李娜",
        datetime(2024, 3, 1),
        None,
        None,
        None,
        None,
        "校验位错误：应被拒绝",
    ),
    (
        "广州嘉禾医疗设备有限公司",
        None,
        "A",
        "医疗",
        "广州",
        None,
        "王芳",
        datetime(2024, 3, 1),
        None,
        None,
        None,
        None,
        "与第2行重复：应被识别",
    ),
    (None,) * len(HEADINGS),
    (
        "合肥科大讯联通信有限公司",
        "913401040824628146",
        "A",
        "通信",
        "合肥",
        None,
        "刘洋",
        "2024-02-30",
        None,
        None,
        None,
        None,
        "日期不存在：应被拒绝",
    ),
)


def messy_clients_xlsx(path: Path) -> Path:
    """Writes the messy client list to `path` (.xlsx) as Excel would: a bold heading, real dates
    formatted yyyy-mm-dd, a blank row whose cells are formatted but empty."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "客户"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(ROWS, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(number, column)
            if value is None:
                if not any(row):
                    cell.font = Font(italic=True)  # formatted, never filled
                continue
            cell.value = value
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd"
    workbook.save(path)
    return path
