"""Before Qt starts: can the window open at all? Imports no Qt.

On Linux without a display, or without the system libraries of Qt's xcb platform plugin, creating
the QApplication prints "could not load the Qt platform plugin xcb" and aborts the process. This
module finds out first and says, in words and with the apt-get line, what is missing.

A library is looked up by asking the dynamic loader for it (dlopen of its soname), the same lookup
the plugin's own loading does; `ctypes.util.find_library` reads only ldconfig's cache and runs
ldconfig (and gcc when a library is missing) on every call.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# What PySide6 6.11's xcb platform plugin (libqxcb.so and libQt6XcbQpa.so.6, with QtGui under
# them) loads from the system: soname -> Debian/Ubuntu package.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb.so.1", "libxcb1"),
    ("libX11.so.6", "libx11-6"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libfreetype.so.6", "libfreetype6"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libdbus-1.so.3", "libdbus-1-3"),
)


@dataclass(frozen=True)
class WindowProblem:
    no_display: bool
    missing: tuple[tuple[str, str], ...]  # (soname, package)

    def apt_line(self) -> str:
        return "sudo apt-get install " + " ".join(package for _, package in self.missing)


def library_available(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def platform_plugin(env: Mapping[str, str]) -> str:
    """The platform plugin Qt will settle on: QT_QPA_PLATFORM's first usable entry; unset, Wayland
    in a Wayland session, else xcb (Qt's default on Linux)."""
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    requested = env.get("QT_QPA_PLATFORM", "")
    names = [entry.split(":")[0].strip() for entry in requested.split(";") if entry.strip()]
    if not names:
        names = ["wayland", "xcb"] if wayland else ["xcb"]
    for name in names:
        if name.startswith("wayland") and not wayland:
            continue  # Qt moves on to the next entry
        return name
    return names[-1]


def window_problem(
    env: Mapping[str, str] | None = None,
    available: Callable[[str], bool] | None = None,
    system: str | None = None,
) -> WindowProblem | None:
    """What would make Qt abort at start, or None. Only Linux with the xcb plugin is checked;
    other platforms (offscreen, wayland, Windows, macOS) are left to Qt."""
    env = os.environ if env is None else env
    available = available or library_available
    if not (system or sys.platform).startswith("linux") or platform_plugin(env) != "xcb":
        return None
    no_display = not env.get("DISPLAY")
    missing = tuple(lib for lib in XCB_LIBRARIES if not available(lib[0]))
    if not no_display and not missing:
        return None
    return WindowProblem(no_display, missing)


def describe(problem: WindowProblem, lang: str) -> str:
    en = lang.startswith("en")
    lines = ["Sales Compass cannot open its window:" if en else "销售罗盘无法打开窗口："]
    if problem.no_display:
        lines.append(
            "- There is no display: DISPLAY (and WAYLAND_DISPLAY) is not set. Start it from a "
            "desktop session (over SSH: ssh -X)."
            if en
            else "- 没有图形显示：DISPLAY（和 WAYLAND_DISPLAY）都没有设置。请在桌面会话里启动"
            "（通过 SSH 登录时用 ssh -X）。"
        )
    if problem.missing:
        names = (", " if en else "、").join(soname for soname, _ in problem.missing)
        lines.append(
            f"- Qt's window plugin (xcb) needs system libraries that are missing: {names}"
            if en
            else f"- Qt 的窗口插件（xcb）需要的系统库没有安装：{names}"
        )
        lines.append(
            "  On Debian/Ubuntu install them with:" if en else "  Debian/Ubuntu 上这样安装："
        )
        lines.append(f"    {problem.apt_line()}")
    lines.append(
        "The command line works without a window: sales-compass --help"
        if en
        else "命令行不需要窗口，照常可用：sales-compass --help"
    )
    return "\n".join(lines)


def language(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    return "en" if env.get("SALES_COMPASS_LANG", "").startswith("en") else "zh"
