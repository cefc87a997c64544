"""The statutory holidays of a year, by 《全国年节及纪念日放假办法》 as amended by 国务院令第795号
(in force 2025-01-01), for the years chinese-calendar has no published calendar for yet.

第二条 全体公民放假的节日：元旦，放假1天（1月1日）；春节，放假4天（农历除夕、正月初一至初三）；
清明节，放假1天（农历清明当日）；劳动节，放假2天（5月1日、2日）；端午节，放假1天（农历端午
当日）；中秋节，放假1天（农历中秋当日）；国庆节，放假3天（10月1日至3日）。

The lunar dates and the 清明 solar term come from lunar-python (6tail's lunar, astronomical
computation, no network). Which working day makes up a holiday falling on a weekend (第六条 补假)
and the 调休 around it are set by the State Council's notice each year, so they are not guessed
here: such a year stays "调休未公布" until the notice's days are entered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class StatutoryDay:
    day: date
    name: str


def statutory_holidays(year: int) -> tuple[StatutoryDay, ...]:
    """The 13 days off of 第二条 in `year`, in date order."""
    return _holidays(year)


def statutory_holiday_on(day: date) -> StatutoryDay | None:
    return next((h for h in _holidays(day.year) if h.day == day), None)


@lru_cache(maxsize=64)
def _holidays(year: int) -> tuple[StatutoryDay, ...]:
    from lunar_python import Lunar  # a calendar library only needed past the published years

    def lunar(month: int, day: int) -> date:
        solar = Lunar.fromYmd(year, month, day).getSolar()
        return date(solar.getYear(), solar.getMonth(), solar.getDay())

    new_year = lunar(1, 1)
    qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    days = [
        StatutoryDay(date(year, 1, 1), "元旦"),
        *(StatutoryDay(new_year + timedelta(days=n), "春节") for n in range(-1, 3)),
        StatutoryDay(date(qingming.getYear(), qingming.getMonth(), qingming.getDay()), "清明节"),
        StatutoryDay(date(year, 5, 1), "劳动节"),
        StatutoryDay(date(year, 5, 2), "劳动节"),
        StatutoryDay(lunar(5, 5), "端午节"),
        StatutoryDay(lunar(8, 15), "中秋节"),
        *(StatutoryDay(date(year, 10, d), "国庆节") for d in (1, 2, 3)),
    ]
    return tuple(sorted(days, key=lambda h: h.day))
