"""Every text column with a length has a Chinese name for the messages about it (length_guard
refuses a value too long for its column naming the field): walked over every model, so a new
column without one fails here instead of showing its English attribute to a user."""

from __future__ import annotations

import re

from sqlalchemy import String

from app.db.column_fields import COLUMN_FIELDS, field_of
from app.db.models import Base
from app.domain.messages import FIELD_LABELS, field_label

CJK = re.compile(r"[\u4e00-\u9fff]")


def _text_columns() -> list[tuple[str, str]]:
    out = []
    for mapper in Base.registry.mappers:
        for attribute in mapper.column_attrs:
            for column in attribute.columns:
                if isinstance(column.type, String) and column.type.length:
                    out.append((mapper.local_table.name, attribute.key))
    return out


def test_every_text_column_with_a_length_has_a_chinese_name():
    columns = _text_columns()
    assert len(columns) > 100  # the walk sees the models
    unnamed = [(t, a) for t, a in columns if field_of(t, a) not in FIELD_LABELS]
    assert not unnamed, unnamed
    not_chinese = [(t, a) for t, a in columns if not CJK.search(field_label(field_of(t, a)))]
    assert not not_chinese, not_chinese
    english = [(t, a) for t, a in columns if not field_label(field_of(t, a), "en").strip()]
    assert not english, english


def test_columns_whose_attribute_means_another_field_are_named_as_the_form_names_them():
    assert field_label(field_of("receipts", "method")) == "回款方式"
    assert field_label(field_of("tenders", "method")) == "采购方式"
    assert field_label(field_of("contacts", "name")) == "联系人"
    assert field_label(field_of("clients", "name")) == "客户名称"
    assert field_label(field_of("tenders", "title")) == "项目名称"
    assert field_label(field_of("contacts", "title")) == "职务"


def test_the_table_names_only_columns_that_exist():
    columns = set(_text_columns())
    assert not set(COLUMN_FIELDS) - columns, set(COLUMN_FIELDS) - columns
