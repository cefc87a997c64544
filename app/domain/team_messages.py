"""What `team push`, `team checkout` and `team sync` say when they refuse (issue 14 §4), merged
into app.domain.messages' table of errors."""

from __future__ import annotations

TEAM_TRANSFER_ERRORS: dict[str, tuple[str, str]] = {
    "team_revisions_differ": (
        "档案的数据结构版本（{mine}）与团队档案的（{theirs}）不同：请先用同一版本的程序打开两者"
        "升级，再推送；未做任何改动。",
        "The archive's schema revision ({mine}) differs from the team archive's ({theirs}):"
        " open both with the same version of the app to upgrade them first; nothing was changed.",
    ),
    "team_table_differs": (
        "表“{table}”在{where}中不存在或结构不同：请先升级；未做任何改动。",
        "The table '{table}' is missing or different in the {where}: upgrade first; nothing was"
        " changed.",
    ),
    "checkout_exists": (
        "“{path}”已存在：离线副本要存成一个新文件，请换一个文件名。",
        "'{path}' already exists: an offline copy is written to a new file; choose another name.",
    ),
    "not_a_team_copy": (
        "“{path}”不是团队档案的离线副本（用 team checkout 取出的档案才能同步）。",
        "'{path}' is not an offline copy of a team archive (only an archive made by team"
        " checkout can be synced).",
    ),
    "resolution_invalid": (
        "无法识别“{value}”：请写成 mine 或 theirs 加 表:编号:字段，例如 mine clients:12:notes。",
        "Cannot read '{value}': write mine or theirs and TABLE:ID:FIELD, e.g. mine"
        " clients:12:notes.",
    ),
    "resolution_file_unreadable": (
        "读不了冲突处理文件“{path}”（{reason}）。",
        "Cannot read the resolution file '{path}' ({reason}).",
    ),
    "team_copy_failed": (
        "未能完成（{reason}）。服务器上的改动要么全部生效、要么全部撤销，可以放心再运行一次。",
        "Could not finish ({reason}). The server's changes either all took effect or were all"
        " undone; it is safe to run it again.",
    ),
    "team_push_unverified": (
        "推送后核对不一致：{problem}。服务器上的改动已撤销。",
        "The check after the push found a difference: {problem}. The server's changes were undone.",
    ),
}
