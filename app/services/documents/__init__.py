"""Agreements, notices, letters and faxes: drafted from templates, kept in versions, sent
through review, numbered when issued (发文字号) and printed as PDF.

One module per use case — templates, drafting (new documents, versions, deleting), approval
(review and numbering), filling (values, what is missing, the filled text, diffs) and printing
(the page, the PDF, the live preview) — over records (a document as plain data). The names the
front ends use are re-exported here."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db.list_filters import DocumentFilter
    from app.domain.documents import ContractLine, search_text
    from app.services.documents.approval import (
        NUMBER_SCOPE,
        PREFIX_KEY,
        issue_document,
        next_doc_number,
        number_prefixes,
        number_prefixes_in,
        review,
        save_number_prefix,
    )
    from app.services.documents.drafting import (
        create_document,
        delete_document,
        parse_lines,
        save_document,
    )
    from app.services.documents.filling import (
        BLANK_DATE,
        MISSING_MARK,
        UNNUMBERED,
        compare_versions,
        diff_versions,
        filled_text,
        missing_values,
        today_text,
    )
    from app.services.documents.listing import DocumentRow, list_documents
    from app.services.documents.printing import (
        DRAFT_MARK,
        LINE_HEADERS,
        MISSING_PATTERN,
        DocumentIncomplete,
        DraftState,
        Preview,
        PrintJob,
        PrintResult,
        document_blocks,
        prepare_print,
        preview,
        print_document,
    )
    from app.services.documents.records import (
        DocumentRecord,
        Edit,
        ReviewRecord,
        VersionRecord,
        get_document,
        status_counts,
    )
    from app.services.documents.registering import ContractLink, register_contract, to_contract
    from app.services.documents.templates import (
        TEMPLATE_DIR,
        TemplateRecord,
        copy_template,
        delete_template,
        file_templates,
        get_template,
        list_templates,
        new_template_key,
        save_template,
    )

# Where each name of __all__ lives: loaded when first asked for, so printing a document loads
# the printing modules without the ones that approve, register or search (issue 11).
_HOMES = {
    "app.db.list_filters": ("DocumentFilter",),
    "app.services.documents.listing": ("DocumentRow", "list_documents"),
    "app.domain.documents": (
        "ContractLine",
        "search_text",
    ),
    "app.services.documents.approval": (
        "NUMBER_SCOPE",
        "PREFIX_KEY",
        "issue_document",
        "next_doc_number",
        "number_prefixes",
        "number_prefixes_in",
        "review",
        "save_number_prefix",
    ),
    "app.services.documents.drafting": (
        "create_document",
        "delete_document",
        "parse_lines",
        "save_document",
    ),
    "app.services.documents.filling": (
        "BLANK_DATE",
        "MISSING_MARK",
        "UNNUMBERED",
        "compare_versions",
        "diff_versions",
        "filled_text",
        "missing_values",
        "today_text",
    ),
    "app.services.documents.printing": (
        "DRAFT_MARK",
        "LINE_HEADERS",
        "MISSING_PATTERN",
        "DocumentIncomplete",
        "DraftState",
        "Preview",
        "PrintJob",
        "PrintResult",
        "document_blocks",
        "prepare_print",
        "preview",
        "print_document",
    ),
    "app.services.documents.records": (
        "DocumentRecord",
        "Edit",
        "ReviewRecord",
        "VersionRecord",
        "get_document",
        "status_counts",
    ),
    "app.services.documents.registering": (
        "ContractLink",
        "register_contract",
        "to_contract",
    ),
    "app.services.documents.templates": (
        "TEMPLATE_DIR",
        "TemplateRecord",
        "copy_template",
        "delete_template",
        "file_templates",
        "get_template",
        "list_templates",
        "new_template_key",
        "save_template",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> object:
    module = _HOME_OF.get(name)
    if module is None:  # a submodule (gongwen, printing, ...)
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "BLANK_DATE",
    "DRAFT_MARK",
    "LINE_HEADERS",
    "MISSING_MARK",
    "MISSING_PATTERN",
    "NUMBER_SCOPE",
    "PREFIX_KEY",
    "TEMPLATE_DIR",
    "UNNUMBERED",
    "ContractLine",
    "ContractLink",
    "DocumentFilter",
    "DocumentIncomplete",
    "DocumentRecord",
    "DocumentRow",
    "DraftState",
    "Edit",
    "Preview",
    "PrintJob",
    "PrintResult",
    "ReviewRecord",
    "TemplateRecord",
    "VersionRecord",
    "compare_versions",
    "copy_template",
    "create_document",
    "delete_document",
    "delete_template",
    "diff_versions",
    "document_blocks",
    "file_templates",
    "filled_text",
    "get_document",
    "get_template",
    "issue_document",
    "list_documents",
    "list_templates",
    "missing_values",
    "new_template_key",
    "next_doc_number",
    "number_prefixes",
    "number_prefixes_in",
    "parse_lines",
    "prepare_print",
    "preview",
    "print_document",
    "register_contract",
    "review",
    "save_document",
    "save_number_prefix",
    "save_template",
    "search_text",
    "status_counts",
    "to_contract",
    "today_text",
]
