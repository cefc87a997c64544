"""The packaging inputs, without running PyInstaller: the spec and its exclusion list, the version
resource and Info.plist (from pyproject's one version), the third-party notices, the icons."""

from __future__ import annotations

import importlib.util
import plistlib
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


config = _load(PACKAGING / "bundle_config.py", "bundle_config")
PROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


@pytest.fixture(scope="module")
def notices():
    from app import notices

    return notices.notices()


def test_the_version_comes_from_pyproject():
    from app import about

    assert config.project_version() == PROJECT_VERSION == about.version()
    assert config.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert config.version_tuple("0.1") == (0, 1, 0, 0)
    assert config.version_tuple("2.0rc1") == (2, 0, 0, 0)


def _version_resource(text: str) -> dict:
    """Evaluates PyInstaller's version-file text with stand-ins for its classes."""

    def record(kind):
        return lambda *args, **kwargs: {"kind": kind, "args": args, **kwargs}

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "VarFileInfo")
    namespace = {name: record(name) for name in names}
    namespace["StringStruct"] = lambda key, value: (key, value)
    namespace["VarStruct"] = lambda key, value: (key, value)
    return eval(text, namespace)  # noqa: S307 (our own generated text, as PyInstaller reads it)


def test_windows_version_resource_carries_the_project_version():
    resource = _version_resource(config.windows_version_text(PROJECT_VERSION))
    numbers = config.version_tuple(PROJECT_VERSION)
    assert resource["ffi"]["filevers"] == numbers == resource["ffi"]["prodvers"]
    table = dict(resource["kids"][0]["args"][0][0]["args"][1])
    assert table["FileVersion"] == table["ProductVersion"] == PROJECT_VERSION
    assert table["ProductName"] == "Sales Compass"
    assert table["OriginalFilename"] == "sales-compass.exe"
    assert "MIT" in table["LegalCopyright"]


def test_info_plist_carries_the_project_version():
    plist = plistlib.loads(plistlib.dumps(config.info_plist(PROJECT_VERSION)))
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == PROJECT_VERSION
    assert plist["CFBundleIdentifier"] == config.BUNDLE_ID
    assert plist["NSHighResolutionCapable"] is True


def test_the_spec_is_python_and_builds_two_executables_without_the_unused_qt():
    spec = (PACKAGING / "sales-compass.spec").read_text("utf-8")
    compile(spec, "sales-compass.spec", "exec")
    assert "excludes=config.excluded_modules(SYSTEM)" in spec
    assert "config.is_excluded" in spec
    assert "executable(config.GUI_NAME, console=False)" in spec
    assert "executable(config.CLI_NAME, console=True)" in spec
    assert "info_plist=config.info_plist(VERSION)" in spec
    for module in (
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtWebEngineCore",
        "PySide6.QtVirtualKeyboard",
        "PySide6.Qt3DCore",
        "PySide6.QtMultimedia",
        "PySide6.QtSql",
        "tkinter",
    ):
        assert module in config.EXCLUDED_MODULES, module
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPdf"}
    assert not used & set(config.EXCLUDED_MODULES)


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6\\Qt6Quick.dll",
        "PySide6\\plugins\\sqldrivers\\qsqlite.dll",
        "PySide6\\opengl32sw.dll",
        "PySide6/Qt/lib/QtQmlModels.framework/Versions/A/QtQmlModels",
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
        "libcairo.so.2",
        # on Linux, the desktop's own libraries (the .deb depends on them)
        "libX11.so.6",
        "libxcb-xkb.so.1",
        "libglib-2.0.so.0",
        "libstdc++.so.6",
        "libcups.so.2",
        "libgnutls.so.30",
        "libfontconfig.so.1",
        "libssl.so.3",
        "libcrypto.so.3",
        # what the extensions built from source link: the system's (the .deb depends on them)
        "libpq.so.5",
        "libldap-2.5.so.0",
        "libxml2.so.2",
        "libxslt.so.1",
        "libicuuc.so.72",
        "libtiff.so.6",
        "libwebp.so.7",
        "libopenjp2.so.7",
        "liblcms2.so.2",
        # psycopg's binary wheel with its own libpq, OpenSSL, Kerberos and LDAP
        "psycopg_binary/_psycopg.cpython-311-x86_64-linux-gnu.so",
        "psycopg_binary.libs/libpq-9b38f5e3.so.5.17",
        "psycopg_binary.libs/libcrypto-3a0647ea.so.3",
        # tables of python-stdnum the program never reads
        "stdnum/oui.dat",
        "stdnum/isbn.dat",
    ],
)
def test_left_out_of_the_bundle(path):
    assert config.is_excluded(path, "linux")


@pytest.mark.parametrize(
    "path",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/translations/qt_en.qm",
        "pillow.libs/libharfbuzz-fb49c9fc.so.0.61450.0",
        "resources/fonts/wqy-microhei.ttc",
        "PySide6\\Qt6Widgets.dll",
        "PySide6\\plugins\\platforms\\qwindows.dll",
        "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
        # what defines the program's behaviour, and the wheels' own copies
        "libpython3.11.so.1.0",
        "libsqlite3.so.0",
        "pillow.libs/libxcb-9065bb12.so.1.1.0",
        "PySide6/Qt/lib/libicudata.so.73",
        "PySide6/Qt/lib/libicuuc.so.73",
        "resources/fonts/CompassSerif-Regular.ttf",
        "stdnum/cn/loc.dat",
    ],
)
def test_kept_in_the_bundle(path):
    assert not config.is_excluded(path, "linux")


@pytest.mark.parametrize("system", ["darwin", "win32"])
def test_system_libraries_are_left_out_on_linux_only(system):
    assert not config.is_excluded("libstdc++.6.dylib", system)
    assert not config.is_excluded("libX11.6.dylib", system)


@pytest.mark.parametrize("system", ["darwin", "win32"])
def test_windows_and_macos_keep_the_binary_wheels(system):
    assert not config.is_excluded("psycopg_binary/_psycopg.cp311-win_amd64.pyd", system)
    assert not config.is_excluded("psycopg_binary.libs/libcrypto-3a0647ea.so.3", system)
    assert "psycopg_binary" not in config.excluded_modules(system)
    assert "psycopg_binary" in config.excluded_modules("linux")
    assert "/psycopg_binary.libs/*" not in config.EXCLUDED_QT_FILES


def test_linux_builds_psycopg_pillow_and_lxml_from_source():
    """The spec refuses a Linux build from the wheels that carry their own libraries."""
    spec = (PACKAGING / "sales-compass.spec").read_text("utf-8")
    assert (
        "config.binary_wheel_builds(" in spec and "excludes=config.excluded_modules(SYSTEM)" in spec
    )
    manylinux = "Wheel-Version: 1.0\nTag: cp311-cp311-manylinux_2_17_x86_64\n"
    here = "Wheel-Version: 1.0\nGenerator: setuptools (80.9.0)\nTag: cp311-cp311-linux_x86_64\n"
    built = {"psycopg-c": here, "pillow": here, "lxml": here}
    assert config.binary_wheel_builds(built) == []
    assert config.binary_wheel_builds({**built, "pillow": manylinux}) == ["pillow"]
    assert config.binary_wheel_builds({**built, "psycopg-c": None}) == ["psycopg-c"]
    script = (PACKAGING / "linux" / "build_venv.sh").read_text("utf-8")
    # the same versions as the wheels they replace
    assert '"psycopg-c==$PSYCOPG"' in script and '"pillow==$PILLOW"' in script
    assert '"lxml==$LXML"' in script and "uninstall -y psycopg-binary" in script
    workflow = (ROOT / ".github" / "workflows" / "package.yml").read_text("utf-8")
    assert "packaging/linux/build_venv.sh" in workflow and "libpq-dev" in workflow
    assert "if: runner.os != 'Linux'" in workflow


def test_the_linux_bundle_links_the_systems_copy_of_the_window_font():
    from app import paths

    inside, system_file = next(iter(config.LINUX_SYSTEM_FILES.items()))
    assert (paths.RESOURCES.parent / inside) == paths.CJK_FONT
    assert system_file == "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    spec = (PACKAGING / "sales-compass.spec").read_text("utf-8")
    assert "config.LINUX_SYSTEM_FILES" in spec and ".symlink_to(system_file)" in spec
    if Path(system_file).is_file():  # fonts-wqy-microhei installed: the very same file
        assert Path(system_file).read_bytes() == paths.CJK_FONT.read_bytes()


def _depends() -> str:
    script = (PACKAGING / "linux" / "build_deb.sh").read_text("utf-8")
    return script[script.index('DEPENDS="') : script.index('"', script.index('DEPENDS="') + 9)]


def test_the_deb_depends_on_the_system_libraries_the_bundle_leaves_out():
    depends = _depends()
    for package in ("libcups2", "libglib2.0-0", "libstdc++6", "libx11-6", "libxcb1", "libssl3"):
        assert package in depends, package
    # what the source builds link, and the font the bundle links
    for package in ("libpq5", "libxml2", "libxslt1.1", "fonts-wqy-microhei"):
        assert package in [name.strip(' \\\n"') for name in depends.split(",")], package
    script = (PACKAGING / "linux" / "build_deb.sh").read_text("utf-8")
    assert "dpkg -S" in script  # the rest (libtiff, libjpeg: named per release) looked up


def test_notices_name_the_main_components_with_their_licences(notices):
    by_name = {n.name.lower().replace("_", "-"): n for n in notices}
    assert "LGPL-3.0" in by_name["pyside6-essentials"].licence
    assert "LGPL-3.0" in by_name["pyside6-essentials"].text  # the replace-the-library note
    assert by_name["sqlalchemy"].licence == "MIT"
    assert "Permission is hereby granted" in by_name["sqlalchemy"].text
    assert "BSD" in by_name["reportlab"].licence
    assert "PSF" in by_name["cpython"].licence
    assert "LGPL-3.0" in by_name["qt (through pyside6)"].licence
    fonts = [n for n in notices if "font" in n.name.lower()]
    assert any("WenQuanYi" in f.name and "Apache-2.0" in f.licence for f in fonts)
    assert any("OFL-1.1" in f.licence and "SIL OPEN FONT LICENSE" in f.text.upper() for f in fonts)
    assert all(f.text for f in fonts)
    # every dependency the program declares is there (the transitive ones too)
    for name in ("openpyxl", "pypdf", "lxml", "chinesecalendar", "platformdirs", "cffi"):
        assert name in by_name, name


def test_notices_name_psycopgs_c_implementation_when_it_replaces_the_binary_wheel():
    from app import notices

    assert "psycopg-c" in notices.ALTERNATIVES  # listed when installed (the Linux build)
    names = {d.metadata["Name"].lower() for d in notices.distributions()}
    assert "psycopg" in names


def test_make_notices_script_writes_the_file(tmp_path):
    script = _load(ROOT / "scripts" / "make_notices.py", "make_notices")
    target = tmp_path / "NOTICES.txt"
    assert script.main([str(target)]) == 0
    text = target.read_text("utf-8")
    assert text.startswith("Sales Compass ")
    assert "MIT License" in text and "SQLAlchemy" in text and "WenQuanYi" in text


def test_icons_for_every_system():
    from PIL import Image

    icons = ROOT / "resources" / "icons"
    with Image.open(icons / "sales-compass.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(icons / "sales-compass.icns") as icns:
        assert icns.size == (1024, 1024)
    for size in (16, 32, 48, 128, 256, 512):
        with Image.open(icons / "app" / f"{size}.png") as png:
            assert png.size == (size, size)


def test_the_build_ships_a_holiday_schedule_that_knows_this_year():
    """The spec refuses to build with a chinesecalendar that does not know the build's year."""
    assert config.calendar_last_year() >= 2026
    spec = (PACKAGING / "sales-compass.spec").read_text("utf-8")
    assert "config.calendar_last_year()" in spec and "config.build_year()" in spec
