"""所复收文: the incoming letter an outgoing one answers, chosen from those still waiting for a
reply (shown with their number, sender, title and due date)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from app.services import letters
from app.services.archive import Archive


class ReplyPicker(QComboBox):
    """None first ("does not answer a letter"), then the 收文 awaiting a reply."""

    def __init__(
        self, archive: Archive, parent: QWidget | None = None, client_id: int | None = None
    ):
        super().__init__(parent)
        self.archive = archive
        self.client_id = client_id  # this client's letters are listed first
        self.setMinimumContentsLength(30)
        self.load()

    def load(self, keep: int | None = None) -> None:
        self.clear()
        self.addItem(self.tr("(answers no letter)"), None)
        rows = letters.awaiting_reply(self.archive, keep)
        if self.client_id is not None:
            rows.sort(key=lambda r: r.client_id != self.client_id)  # stable: due order kept
        for row in rows:
            due = (
                self.tr(", reply by {0}").format(f"{row.reply_due:%Y-%m-%d}")
                if row.reply_due
                else ""
            )
            self.addItem(f"{row.number} {row.counterpart}《{row.title}》{due}", row.id)
        self.set_letter(keep)

    def set_letter(self, letter_id: int | None) -> None:
        index = self.findData(letter_id) if letter_id is not None else 0
        self.setCurrentIndex(max(index, 0))

    def letter_id(self) -> int | None:
        return self.currentData()
