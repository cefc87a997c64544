"""Before Qt aborts with "could not load the Qt platform plugin xcb", the app says what is missing
(a display, the xcb plugin's libraries) and how to install it, in Chinese or English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.ui import platform_check
from app.ui.platform_check import XCB_LIBRARIES, describe, platform_plugin, window_problem

HAVE_ALL = {soname for soname, _ in XCB_LIBRARIES}


def lookup(missing=()):
    return lambda soname: soname in HAVE_ALL - set(missing)


def test_nothing_to_say_with_a_display_and_every_library():
    assert window_problem({"DISPLAY": ":0"}, lookup(), "linux") is None


def test_missing_libraries_named_with_their_debian_packages():
    missing = ("libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libxcb-icccm.so.4")
    problem = window_problem({"DISPLAY": ":0"}, lookup(missing), "linux")
    assert problem is not None and not problem.no_display
    assert {soname for soname, _ in problem.missing} == set(missing)
    assert problem.apt_line() == (
        "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0"
    )
    text = describe(problem, "zh")
    assert "销售罗盘无法打开窗口" in text
    assert "libxcb-cursor.so.0、" in text
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0" in text
    assert "DISPLAY" not in text
    english = describe(problem, "en")
    assert "missing: libxcb-cursor.so.0, " in english
    assert "apt-get install libxcb-cursor0" in english


def test_no_display():
    problem = window_problem({}, lookup(), "linux")
    assert problem is not None and problem.no_display and not problem.missing
    text = describe(problem, "zh")
    assert "没有图形显示" in text and "DISPLAY" in text
    assert "apt-get" not in text
    assert "There is no display" in describe(problem, "en")


def test_only_the_xcb_platform_on_linux_is_checked():
    nothing = lookup(HAVE_ALL)
    assert window_problem({}, nothing, "win32") is None
    assert window_problem({}, nothing, "darwin") is None
    for platform in ("offscreen", "wayland", "minimal", "vnc:size=800x600", "eglfs"):
        assert window_problem({"QT_QPA_PLATFORM": platform}, nothing, "linux") is None
    # A Wayland session: Qt tries wayland first.
    assert window_problem({"WAYLAND_DISPLAY": "wayland-0"}, nothing, "linux") is None
    assert window_problem({"XDG_SESSION_TYPE": "wayland"}, nothing, "linux") is None
    # Asked for xcb, or wayland with no Wayland to talk to: xcb is checked.
    assert window_problem({"QT_QPA_PLATFORM": "xcb"}, nothing, "linux") is not None
    assert window_problem({"QT_QPA_PLATFORM": "wayland;xcb"}, nothing, "linux") is not None


def test_platform_plugin_follows_qt():
    assert platform_plugin({}) == "xcb"
    assert platform_plugin({"DISPLAY": ":0"}) == "xcb"
    assert platform_plugin({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "wayland"
    assert platform_plugin({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}) == "xcb"
    assert platform_plugin({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert platform_plugin({"QT_QPA_PLATFORM": "wayland;xcb"}) == "xcb"
    assert platform_plugin({"QT_QPA_PLATFORM": "wayland-egl;xcb", "WAYLAND_DISPLAY": "w"}) == (
        "wayland-egl"
    )


def test_readme_installs_every_library_the_check_looks_for():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    lines = [line for line in readme.splitlines() if line.startswith("sudo apt-get install libxcb")]
    assert lines == ["sudo apt-get install " + " ".join(pkg for _, pkg in XCB_LIBRARIES)]


def test_the_real_lookup_finds_libc_and_not_a_made_up_library():
    assert platform_check.library_available("libc.so.6")
    assert not platform_check.library_available("libno-such-library-here.so.9")


def test_entry_point_without_a_display_explains_instead_of_aborting(tmp_path):
    """`sales-compass` with DISPLAY and QT_QPA_PLATFORM unset: Qt would abort (SIGABRT); the app
    prints what is missing and exits 1, before it creates or opens any archive."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE"}
        and not k.startswith("SALES_COMPASS_")
    }
    db = tmp_path / "archive.sqlite3"
    for lang, words in ((None, "没有图形显示"), ("en", "There is no display")):
        if lang:
            env["SALES_COMPASS_LANG"] = lang
        result = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(db)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1, result
        assert words in result.stderr
        assert "DISPLAY" in result.stderr
        assert "sales-compass --help" in result.stderr
        assert "Aborted" not in result.stderr and "qt.qpa" not in result.stderr
    assert not db.exists()
