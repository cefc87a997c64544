"""The plan (月计划, 年度计划): page.py holds the month's targets, their split by 旬, week and
working day, and plan vs actual; it prints and exports through app/ui/list_printing.py. Its
年度计划 tab is year_view.py (the year by quarter and month: plan, actual, forecast), its 销售预测
tab forecast_view.py (forecasts entered, suggested and the records behind them)."""
