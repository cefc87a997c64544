"""Room left on a printed form for what is written by hand: a line to sign on and a date."""

from __future__ import annotations

SIGN_LINE = "＿＿＿＿＿＿"  # 签字: a line to sign on
HAND_DATE = "＿＿＿＿年＿＿月＿＿日"  # 日期: written in by hand (a Paragraph folds spaces)
