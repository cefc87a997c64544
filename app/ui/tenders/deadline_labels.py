"""The tender form's computed dates (deposit refund, end of the result announcement, challenge
period, contract), each with the rule it is counted by as its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.domain.tenders import (
    RULE_CHALLENGE,
    RULE_CONTRACT,
    RULE_REFUND_UNSUCCESSFUL,
    RULE_REFUND_WINNER,
    Deadline,
    TenderDraft,
    TenderStatus,
    rule_announcement,
    tender_deadlines,
)
from app.domain.working_days import CALENDAR_NOT_PUBLISHED, NO_ENTRIES, HolidayCalendar
from app.ui.widgets import format_date

KEYS = ("refund_due", "announcement_ends", "challenge_until", "contract_due")


class DeadlineLabels(QObject):
    """One label per computed date, added to the form; show_for(draft) fills them."""

    def __init__(self, form: QFormLayout, parent: QWidget):
        super().__init__(parent)
        self.labels = {key: QLabel(parent) for key in KEYS}
        self.calendar_note = QLabel(parent, styleSheet="color: #8a5a00;", wordWrap=True)
        titles = (
            self.tr("Deposit refund due"),
            self.tr("Announcement period ends"),
            self.tr("Challenge period ends"),
            self.tr("Contract due"),
        )
        for key, title in zip(KEYS, titles, strict=True):
            form.addRow(title, self.labels[key])
        form.addRow("", self.calendar_note)

    def show_for(self, draft: TenderDraft, calendar: HolidayCalendar = NO_ENTRIES) -> None:
        """The dates of `draft` counted on `calendar` (the archive's entered days)."""
        found = {d.key: d for d in tender_deadlines(draft, calendar)}
        for key, label in self.labels.items():
            deadline = found.get(key)
            label.setText(self._text(key, deadline, draft))
            label.setToolTip(deadline.rule if deadline else self._rule(key, draft))
            label.setStyleSheet("" if deadline and deadline.day else "color: gray;")
        official = all(d.official for d in found.values())
        note = self.tr("{0}: statutory holidays only; check once the make-up days are announced.")
        self.calendar_note.setText("" if official else note.format(CALENDAR_NOT_PUBLISHED))

    def _text(self, key: str, deadline: Deadline | None, draft: TenderDraft) -> str:
        if draft.award_notice_on is None:
            return self.tr("after the award notice date is entered")
        if deadline is None:  # only the refund: no deposit is asked
            return self.tr("no bid deposit (waived)")
        if deadline.day is None:
            return self.tr("after the contract signed date is entered (the winner's deposit)")
        day = format_date(deadline.day)
        if key == "refund_due" and draft.status == TenderStatus.WON:
            return self.tr("{0} (5 working days after the contract is signed)").format(day)
        patterns = {
            "refund_due": self.tr("{0} (5 working days after the award notice)"),
            "announcement_ends": self.tr("{0} (the announcement period's last day)"),
            "challenge_until": self.tr("{0} (7 working days after the announcement ends)"),
            "contract_due": self.tr("{0} (30 days; a holiday moves it to the next working day)"),
        }
        return patterns[key].format(day)

    @staticmethod
    def _rule(key: str, draft: TenderDraft) -> str:
        """The rule of a date not computed yet, so the tooltip says how it will be."""
        won = draft.status == TenderStatus.WON
        rules = {
            "refund_due": RULE_REFUND_WINNER if won else RULE_REFUND_UNSUCCESSFUL,
            "announcement_ends": rule_announcement(draft.announcement_days),
            "challenge_until": RULE_CHALLENGE,
            "contract_due": RULE_CONTRACT,
        }
        return rules[key]
