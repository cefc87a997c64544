"""Backups in the window (issue 9 §1): the automatic backups, 文件 → 备份与恢复…, and the home
page's warning. The work itself is app.services.backups, run through the task runner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services import backups as backups_service


def kind_label(kind: str) -> str:
    labels = {
        backups_service.AUTO: QCoreApplication.translate("backups", "Automatic"),
        backups_service.MANUAL: QCoreApplication.translate("backups", "Manual"),
        backups_service.BEFORE_UPGRADE: QCoreApplication.translate("backups", "Before upgrade"),
        backups_service.BEFORE_RESTORE: QCoreApplication.translate("backups", "Before restore"),
    }
    return labels.get(kind, kind)


def verified_label(verified: bool | None) -> str:
    if verified is None:
        return QCoreApplication.translate("backups", "Not yet")
    return (
        QCoreApplication.translate("backups", "Verified")
        if verified
        else QCoreApplication.translate("backups", "FAILED")
    )


def size_label(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    if size < 1024**3:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024**3:.2f} GB"


def problems_text(report) -> str:
    """The lines of a backup report's failed verifications."""
    lines = []
    for entry in report.failed:
        head = QCoreApplication.translate("backups", "{0} ({1}):")  # 3（自动）：
        lines.append(head.format(entry.id, kind_label(entry.kind)))
        lines.extend(f"  {problem}" for problem in entry.problems)
    return "\n".join(lines)
