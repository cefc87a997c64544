"""The 审批意见 the app itself wrote on a rebate's steps, in Chinese punctuation as it writes them
now. Before, an advance application's step read “提前申请:预计销售额 ¥150,000.00” and a
settlement's “结算:实际与批准同档(5%),直接结算” or “结算:实际档位与批准不同,重新审批。批准 5%、
¥7,500.00;实际 8%、¥12,000.00;差额 +¥4,500.00” (ASCII punctuation next to hanzi); they now read
“提前申请：预计销售额 ¥150,000.00”, “结算：实际与批准同档（5%），直接结算” and “结算：实际档位
与批准不同，重新审批。批准 5%、¥7,500.00；实际 8%、¥12,000.00；差额 +¥4,500.00”.

Only a comment that is exactly one of those generated texts, on the step the app wrote it on, is
rewritten: amounts (¥150,000.00) keep their ASCII comma and point, and what a person typed as a
comment (an approval's or a rejection's, stored as typed) is never touched, even when it starts
the same way.

Down: the texts are left as they are. The ASCII form was a defect, the app at 0039 reads either
form and already writes the new one itself, so a reversal could not tell the rows this revision
rewrote from those written in the new form since, and would damage those.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-07
"""

import re

from alembic import op
from sqlalchemy import text

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None

_PERCENT = r"[0-9]+(?:\.[0-9]+)?%"
_MONEY = r"¥[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{2}"
_SIGNED = rf"[+-]?{_MONEY}"

# (the step the app wrote it on, the text as it wrote it before, as it writes it now)
_REWRITES = (
    ("apply", re.compile(rf"提前申请:预计销售额 ({_MONEY})"), r"提前申请：预计销售额 \1"),
    (
        "settle",
        re.compile(rf"结算:实际与批准同档\(({_PERCENT})\),直接结算"),
        r"结算：实际与批准同档（\1），直接结算",
    ),
    (
        "apply",
        re.compile(
            rf"结算:实际档位与批准不同,重新审批。批准 ({_PERCENT})、({_MONEY});"
            rf"实际 ({_PERCENT})、({_MONEY});差额 ({_SIGNED})"
        ),
        r"结算：实际档位与批准不同，重新审批。批准 \1、\2；实际 \3、\4；差额 \5",
    ),
)


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        text("SELECT id, step, comment FROM rebate_steps WHERE comment LIKE :a OR comment LIKE :b"),
        {"a": "提前申请:%", "b": "结算:%"},
    ).all()
    for step_id, step, comment in rows:
        new = _rewritten(step, comment)
        if new != comment:
            bind.execute(
                text("UPDATE rebate_steps SET comment = :comment WHERE id = :id"),
                {"comment": new, "id": step_id},
            )


def _rewritten(step: str, comment: str) -> str:
    for wrote_on, old, new in _REWRITES:
        if step == wrote_on and old.fullmatch(comment):
            return old.sub(new, comment)
    return comment


def downgrade() -> None:
    pass  # the old form was a defect (see above): the texts stay as they are
