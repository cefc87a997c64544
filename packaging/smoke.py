"""The smoke test of a built or installed Sales Compass, the same on Windows, macOS and Linux:

1. the command line starts (`sales-compass-cli --version`, `--help`);
2. it creates a demo archive, `check`s it and prints a PDF (the monthly report);
3. the window opens offscreen (QT_QPA_PLATFORM=offscreen), shows itself and closes.

    python packaging/smoke.py dist/sales-compass           # the bundle folder
    python packaging/smoke.py "dist/Sales Compass.app"     # macOS
    python packaging/smoke.py /usr/bin                     # the installed .deb
    python packaging/smoke.py --venv                       # `python -m app` (for comparison)
    python packaging/smoke.py dist/sales-compass --window-runs 5   # cold-start figures
    python packaging/smoke.py dist/sales-compass --tour --maps loaded.txt
        # also: every area, the PDF preview and a print, ICU; the libraries the runs loaded

Pure Python (standard library), so any Python 3.9+ runs it: it needs nothing from the bundle.
Each run works in its own temporary folder with its own HOME (no user archive is touched).
Exit status 0 when every step passed; the figures go to stdout (and to --json FILE)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXE = ".exe" if os.name == "nt" else ""
TIMEOUT = 300


class SmokeFailure(Exception):
    pass


def commands(target: str | None) -> tuple[list[str], list[str]]:
    """(the command line, the window) as argument lists."""
    if target is None:  # the venv: the same entry point, the hook run first
        hook = HERE / "smoke_hook.py"
        start = (
            "import runpy, sys; runpy.run_path(sys.argv.pop(1)); "
            "from app.main import main; sys.exit(main())"
        )
        cli = [sys.executable, "-m", "app"]
        return cli, [sys.executable, "-c", start, str(hook)]
    folder = Path(target)
    if folder.suffix == ".app":
        folder = folder / "Contents" / "MacOS"
    cli, gui = folder / f"sales-compass-cli{EXE}", folder / f"sales-compass{EXE}"
    for path in (cli, gui):
        if not path.is_file():
            raise SmokeFailure(f"{path} is missing")
    return [str(cli)], [str(gui)]


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONIOENCODING="utf-8",
    )
    env.pop("SALES_COMPASS_SMOKE", None)
    return env


def run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        args, env=env, capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT
    )
    if done.returncode != 0:
        raise SmokeFailure(
            f"{what}: exit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return done


def cli_steps(cli: list[str], folder: Path, env: dict[str, str]) -> dict:
    """--version, --help, demo, check and a PDF (the last with SALES_COMPASS_MAPS, if set)."""
    version = run([*cli, "--version"], env, "--version").stdout.strip()
    if not version.startswith("sales-compass "):
        raise SmokeFailure(f"--version printed {version!r}")
    if "demo" not in run([*cli, "--help"], env, "--help").stdout:
        raise SmokeFailure("--help lists no `demo` command")
    archive = folder / "demo.sqlite3"
    started = time.perf_counter()
    run([*cli, "demo", "--db", str(archive)], env, "demo")
    demo_seconds = time.perf_counter() - started
    run([*cli, "--db", str(archive), "check"], env, "check")
    pdf = folder / "monthly.pdf"
    month = f"{date.today():%Y-%m}"
    pdf_env = dict(env, SALES_COMPASS_MAPS=str(folder / "maps-pdf.txt"))
    run([*cli, "--db", str(archive), "pdf", "monthly-report", month, str(pdf)], pdf_env, "pdf")
    data = pdf.read_bytes() if pdf.is_file() else b""
    if not data.startswith(b"%PDF") or len(data) < 2000:
        raise SmokeFailure(f"the PDF {pdf} is missing or empty ({len(data)} bytes)")
    return {
        "version": version,
        "demo_seconds": round(demo_seconds, 2),
        "pdf_bytes": len(data),
        "archive": str(archive),
    }


def _children_cpu() -> float:
    if os.name == "nt":
        return float("nan")
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def window_step(
    gui: list[str], archive: str, folder: Path, env: dict[str, str], tour: str = ""
) -> dict:
    """Opens the window on the archive; it closes itself once shown (packaging/smoke_hook.py),
    after a tour of the areas and a print of the PDF `tour` when given."""
    report_file = folder / "window.json"
    report_file.unlink(missing_ok=True)
    env = dict(env, SALES_COMPASS_SMOKE=str(report_file))
    if tour:
        env.update(SALES_COMPASS_SMOKE_TOUR=tour, SALES_COMPASS_MAPS=str(folder / "maps-gui.txt"))
    cpu = _children_cpu()
    started = time.perf_counter()
    run([*gui, "--db", archive], env, "the window")
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    if not report_file.is_file():
        raise SmokeFailure("the window never reported that it was shown")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    if not report.get("shown") or not report.get("window_icon"):
        raise SmokeFailure(f"the window was not shown with its icon: {report}")
    if tour:
        check_tour(report)
    return dict(report, wall_seconds=round(wall, 3), cpu_seconds=round(cpu, 3))


def check_tour(report: dict) -> None:
    wrong = []
    if report.get("areas_failed"):
        wrong.append(f"areas failed: {report['areas_failed']}")
    if not report.get("preview_pages") or not report.get("printed_pages"):
        wrong.append(f"the PDF was not previewed and printed: {report}")
    if report.get("pinyin_order") != "阿北广上":
        wrong.append(f"Chinese collation sorts {report.get('pinyin_order')!r}")
    if not report.get("zone_name") or not report.get("gb18030"):
        wrong.append("ICU's time-zone names or converters are missing")
    if wrong:
        raise SmokeFailure(f"the tour of the window: {'; '.join(wrong)}")


def loaded_libraries(folder: Path) -> list[str]:
    """The union of the shared libraries the PDF run and the toured window loaded."""
    paths: set[str] = set()
    for name in ("maps-pdf.txt", "maps-gui.txt"):
        if (folder / name).is_file():
            paths.update((folder / name).read_text(encoding="utf-8").split())
    return sorted(paths)


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"


def smoke(
    target: str | None, window_runs: int, tour: bool = False, maps: Path | None = None
) -> dict:
    cli, gui = commands(target)
    with tempfile.TemporaryDirectory(prefix="sales-compass-smoke-") as tmp:
        folder = Path(tmp)
        env = environment(folder / "home")
        (folder / "home").mkdir()
        result = {"target": target or f"{sys.executable} -m app", "load_before": load_average()}
        result["cli"] = cli_steps(cli, folder, env)
        runs = [window_step(gui, result["cli"]["archive"], folder, env) for _ in range(window_runs)]
        walls = [r["wall_seconds"] for r in runs]
        result["window"] = runs[0]
        result["window_wall_seconds"] = walls
        result["window_wall_median"] = round(statistics.median(walls), 3)
        result["window_cpu_median"] = round(statistics.median(r["cpu_seconds"] for r in runs), 3)
        if tour:
            pdf = str(folder / "monthly.pdf")
            result["tour"] = window_step(gui, result["cli"]["archive"], folder, env, pdf)
            loaded = loaded_libraries(folder)
            result["libraries_loaded"] = len(loaded)
            if maps:
                maps.write_text("".join(f"{path}\n" for path in loaded), encoding="utf-8")
        result["load_after"] = load_average()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("target", nargs="?", help="bundle folder, .app, or folder of the commands")
    where.add_argument("--venv", action="store_true", help="test `python -m app` instead")
    parser.add_argument("--window-runs", type=int, default=1, help="open the window N times")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--tour", action="store_true", help="also visit every area, preview and print the PDF"
    )
    parser.add_argument(
        "--maps", type=Path, help="with --tour: write the shared libraries loaded to this file"
    )
    options = parser.parse_args(argv)
    try:
        target = None if options.venv else options.target
        result = smoke(target, max(1, options.window_runs), options.tour, options.maps)
    except (SmokeFailure, subprocess.TimeoutExpired) as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if options.json:
        options.json.write_text(text, encoding="utf-8")
    print("smoke test passed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
