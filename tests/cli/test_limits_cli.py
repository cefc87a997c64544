"""Every --limit of the command line reads the same way: a negative one is refused naming
--limit (in Chinese, exit 1), 0 means all where the help says so, and N shows N."""

from __future__ import annotations

import json

import pytest
from test_archive_cli import demo_archive, run  # noqa: F401 (fixtures)

# each command with --limit, and whether its help says 0 means all
LISTS = [
    (("actions",), True),
    (("activities",), True),
    (("overdue",), True),
    (("clients",), True),
    (("client", "1", "--timeline"), True),
    (("history",), True),
    (("analysis", "价值", "--month", "2026-11"), True),
    (("search", "公司"), False),
]


@pytest.mark.parametrize("command", [c for c, _ in LISTS], ids=" ".join)
@pytest.mark.parametrize("limit", ["-5", "-1"])
def test_a_negative_limit_is_refused_naming_the_option(demo_archive, command, limit):  # noqa: F811
    done = run(*command, "--limit", limit, "--db", demo_archive)
    assert done.returncode == 1, done.stdout
    assert f"参数 --limit 应为不小于 0 的整数：“{limit}”" in done.stderr or (
        command[0] == "search" and f"参数 --limit 应为正整数：“{limit}”" in done.stderr
    ), done.stderr
    assert "Traceback" not in done.stderr and not done.stdout


@pytest.mark.parametrize(("command", "zero_is_all"), LISTS, ids=[" ".join(c) for c, _ in LISTS])
def test_the_help_says_what_0_means(command, zero_is_all):
    done = run(command[0], "--help")
    help_text = " ".join(done.stdout.split())
    assert "--limit N" in help_text
    assert ("0: all)" in help_text) is zero_is_all, help_text


def test_search_refuses_0_as_it_cannot_mean_all(demo_archive):  # noqa: F811
    done = run("search", "公司", "--limit", "0", "--db", demo_archive)
    assert done.returncode == 1 and "参数 --limit 应为正整数：“0”" in done.stderr


def _json(*args):
    done = run(*args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_actions_limit_0_shows_every_open_item_and_n_shows_n(demo_archive):  # noqa: F811
    every = _json("actions", "--json", "--limit", "0", "--db", demo_archive)
    assert len(every) > 3  # the demo has open action items
    assert len(_json("actions", "--json", "--limit", "3", "--db", demo_archive)) == 3
    shown = run("actions", "--limit", "2", "--db", demo_archive).stdout
    assert f"共 {len(every)} 项未完成（显示前 2 项；--limit 0 显示全部）" in shown
    assert (
        f"共 {len(every)} 项未完成" in run("actions", "--limit", "0", "--db", demo_archive).stdout
    )


def test_lists_limit_0_shows_all(demo_archive):  # noqa: F811
    activities = _json("activities", "--json", "--limit", "0", "--db", demo_archive)
    assert len(activities["activities"]) == activities["total"] > 50
    assert (
        len(_json("activities", "--json", "--limit", "7", "--db", demo_archive)["activities"]) == 7
    )
    clients = _json("clients", "--json", "--limit", "0", "--db", demo_archive)
    assert len(clients["clients"]) == clients["total"] > 50
    overdue = _json("overdue", "--json", "--limit", "0", "--db", demo_archive)
    assert len(overdue["clients"]) == overdue["total"] > 1
    assert len(_json("overdue", "--json", "--limit", "1", "--db", demo_archive)["clients"]) == 1
    timeline = _json("client", "1", "--timeline", "--json", "--limit", "0", "--db", demo_archive)
    counts = timeline["counts"]
    assert len(timeline["entries"]) == sum(counts.values()) > 1
    history = run("history", "--limit", "0", "--db", demo_archive)
    assert history.returncode == 0 and history.stdout.strip()
