"""What the PyInstaller spec builds and leaves out, as plain data (no PyInstaller import), so the
tests can read it and the spec stays short.

The one version source is pyproject.toml's [project] version; the Windows version resource and the
macOS Info.plist are made from it here."""

from __future__ import annotations

import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "Sales Compass"
APP_NAME_ZH = "销售罗盘"
GUI_NAME = "sales-compass"  # windowed: no console on Windows, the .app's executable on macOS
CLI_NAME = "sales-compass-cli"  # the command line (a console program everywhere)
BUNDLE_ID = "org.salescompass.SalesCompass"
PUBLISHER = "Sales Compass"
COPYRIGHT = "Copyright (c) 2024-2026 the Sales Compass authors (MIT License)"

# Python modules an office app never imports; PyInstaller's hooks would otherwise follow them.
EXCLUDED_MODULES = [
    "tkinter",
    "_tkinter",
    "pytest",
    "pytestqt",
    "hypothesis",
    "IPython",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtVirtualKeyboard",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DExtras",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSql",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtBluetooth",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtTest",
    "PySide6.QtOpenGLWidgets",
    # the Python side of Qt Network and D-Bus (their libraries stay: Qt PDF and Qt GUI use them)
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.scripts",
    # build and documentation tools some libraries import only when asked to
    "pygments",
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "pydoc_data",
    "lib2to3",
    "PyInstaller",
    "pip",
    # Pillow reads the images put into PDFs (JPEG, PNG); it never needs AVIF, Tk or Qt glue.
    "PIL._avif",
    "PIL.AvifImagePlugin",
    "PIL.ImageTk",
    "PIL.ImageQt",
    "PIL._webp",
    "PIL.WebPImagePlugin",
    # lxml: the Word files are read and written with lxml.etree alone.
    "lxml.objectify",
    "lxml.html",
    "lxml.isoschematron",
    "lxml.sax",
    "lxml.builder",
    "lxml.cssselect",
    # the interactive prompt's line editing (with libreadline and libtinfo)
    "readline",
]

# Files of the Qt libraries left out of the bundle, as glob patterns on their path inside it
# ("/" separated). Qt's own libraries and plugins that load Qml/Quick, WebEngine, the virtual
# keyboard, 3D, multimedia and SQL drivers; embedded-device platforms; image formats the app
# never reads; TLS and network-information backends (no Qt networking is used).
EXCLUDED_QT_FILES = [
    "*/Qt/lib/libQt6Qml*",
    "*/Qt/lib/libQt6Quick*",
    "*/Qt/lib/libQt6VirtualKeyboard*",
    "*/Qt/lib/libQt6WebEngine*",
    "*/Qt/lib/libQt63D*",
    "*/Qt/lib/libQt6Multimedia*",
    "*/Qt/lib/libQt6Sql*",
    "*/Qt/lib/libQt6EglFs*",
    "*/Qt/lib/libQt6EglFSDeviceIntegration*",
    "*/Qt6Qml*.dll",
    "*/Qt6Quick*.dll",
    "*/Qt6VirtualKeyboard*.dll",
    "*/Qt6WebEngine*",
    "*/Qt63D*",
    "*/Qt6Multimedia*",
    "*/Qt6Sql*",
    "*/opengl32sw.dll",  # Windows: the software OpenGL fallback for Qt Quick (20 MB)
    "*/QtQml*.framework/*",
    "*/QtQuick*.framework/*",
    "*/QtVirtualKeyboard*.framework/*",
    "*/QtWebEngine*.framework/*",
    "*/Qt3D*.framework/*",
    "*/QtMultimedia*.framework/*",
    "*/QtSql.framework/*",
    "*/qml/*",
    "*/plugins/platforminputcontexts/*virtualkeyboard*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/generic/*",
    "*/plugins/platforms/*eglfs*",
    "*/plugins/platforms/*linuxfb*",
    "*/plugins/platforms/*minimalegl*",
    "*/plugins/platforms/*vkkhrdisplay*",
    "*/plugins/platforms/*vnc*",
    "*/plugins/platforms/*direct2d*",
    "*/plugins/platformthemes/*gtk3*",
    "*/plugins/imageformats/*qtga*",
    "*/plugins/imageformats/*qtiff*",
    "*/plugins/imageformats/*qwbmp*",
    "*/plugins/imageformats/*qwebp*",
    "*/plugins/imageformats/*qpdf*",
    "*/plugins/networkinformation/*",
    "*/plugins/tls/*",
    "*/plugins/sqldrivers/*",
    "*/plugins/multimedia/*",
    "*/plugins/qmltooling/*",
    "*/plugins/virtualkeyboard/*",
    "*/plugins/sceneparsers/*",
    "*/plugins/renderers/*",
    "*/plugins/geometryloaders/*",
    "*/plugins/position/*",
    # Linux: the GTK3 theme plugin (left out above) is the only user of these system libraries.
    "/libgtk-3*",
    "/libgdk-3*",
    "/libgdk_pixbuf*",
    "/libcairo*",
    "/libpango*",
    "/libatk*",
    "/libatspi*",
    "/libepoxy*",
    "/libpixman*",
    "/libthai*",
    "/libdatrie*",
    "/libfribidi*",
    "/libgraphite2*",
    "/libharfbuzz.so*",
]
# Linux: system libraries every desktop the program runs on has, which the .deb depends on
# (packaging/linux/build_deb.sh; a library a bundled one links is then the system's, as for
# libc and libGL, which PyInstaller never bundles). The system's copies are as new as the
# build's, since the bundle is built on the oldest distribution supported. They are the X11/xcb
# client libraries, fontconfig and FreeType, GLib (Qt Core's event loop) with its mount/SELinux
# helpers, D-Bus and libsystemd's compressors and gcrypt, the C++ runtime, OpenSSL 3, and CUPS
# (Qt's print dialog) with its whole chain (GnuTLS, Kerberos, Avahi, libunistring, p11-kit).
# Kept in the bundle: what defines the program's behaviour (libpython, SQLite: the archive's SQL).
# Libraries whose packages are named differently across releases (libjpeg, libtiff) come from the
# system too: build_deb.sh looks their packages up with dpkg -S.
LINUX_SYSTEM_LIBRARIES = [
    # X11, xcb, xkb
    "/libX11*",
    "/libXau.*",
    "/libXdmcp.*",
    "/libXext.*",
    "/libXrender.*",
    "/libxcb*",
    "/libxkbcommon*",
    "/libbsd.*",
    "/libmd.*",
    # fonts
    "/libfontconfig.*",
    "/libfreetype.*",
    "/libexpat.*",
    "/libpng16.*",
    "/libbrotli*",
    "/libz.*",
    "/libbz2.*",
    # GLib
    "/libglib-2.0.*",
    "/libgio-2.0.*",
    "/libgobject-2.0.*",
    "/libgmodule-2.0.*",
    "/libgthread-2.0.*",
    "/libpcre2-8.*",
    "/libmount.*",
    "/libblkid.*",
    "/libselinux.*",
    "/libffi.*",
    "/libuuid.*",
    # D-Bus and libsystemd
    "/libdbus-1.*",
    "/libsystemd.*",
    "/libgcrypt.*",
    "/libgpg-error.*",
    "/liblz4.*",
    "/liblzma.*",
    "/libzstd.*",
    "/libcap.*",
    # the C++ runtime; OpenSSL 3 (Python's hashlib and ssl; the wheels carry their own copies)
    "/libstdc++.*",
    "/libgcc_s.*",
    "/libssl.so.3",
    "/libcrypto.so.3",
    # CUPS and its chain
    "/libcups.*",
    "/libavahi-*",
    "/libgnutls.*",
    "/libnettle.*",
    "/libhogweed.*",
    "/libgmp.*",
    "/libidn2.*",
    "/libunistring.*",
    "/libtasn1.*",
    "/libp11-kit.*",
    "/libkrb5*",
    "/libk5crypto.*",
    "/libgssapi_krb5.*",
    "/libcom_err.*",
    "/libkeyutils.*",
    # linked by nothing in the bundle
    "/libjpeg.so.62",
    # what the extensions built from source against the system link (packaging/linux/
    # build_venv.sh; the .deb depends on their packages): libpq with its LDAP and SASL ...
    "/libpq.so.*",
    "/libldap*",
    "/liblber*",
    "/libsasl2.*",
    # ... libxml2 and libxslt (lxml), and libxml2's ICU (the system's, not Qt's in PySide6/Qt/lib)
    "/libxml2.*",
    "/libxslt.*",
    "/libexslt.*",
    "/libicu*",
    # ... and Pillow's image libraries
    "/libjpeg.*",
    "/libtiff.*",
    "/libwebp*",
    "/libsharpyuv.*",
    "/libopenjp2.*",
    "/liblcms2.*",
    "/libdeflate.*",
    "/libjbig.*",
    "/libLerc.*",
]

# Linux: the wheels that carry their own copies of system libraries are replaced by builds from
# source against the system's (packaging/linux/build_venv.sh): psycopg-binary's module and its
# libpq, OpenSSL, Kerberos and LDAP never go into a Linux bundle (psycopg-c takes its place).
# Windows and macOS keep the binary wheels: they have no such libraries to lean on.
LINUX_EXCLUDED_MODULES = ["psycopg_binary"]
LINUX_EXCLUDED_FILES = ["/psycopg_binary/*", "/psycopg_binary.libs/*"]
# distribution: what must be true of it in the Linux build environment
LINUX_SOURCE_BUILDS = {
    "psycopg-c": "psycopg's C implementation over the system's libpq5",
    "pillow": "Pillow over the system's libjpeg, libtiff, libwebp, OpenJPEG, LCMS, FreeType",
    "lxml": "lxml over the system's libxml2 and libxslt",
}
# Linux: files of the bundle that are byte for byte a file of a system package the .deb depends
# on: the bundle holds a link to the system's copy (WenQuanYi Micro Hei, fonts-wqy-microhei, the
# same 0.2.0-beta release on Debian 12 and Ubuntu 22.04). Windows and macOS bundle the file.
LINUX_SYSTEM_FILES = {
    "resources/fonts/wqy-microhei.ttc": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
}

# python-stdnum's data files: the program checks Chinese numbers only (stdnum.cn); the MAC vendor
# list (oui.dat), IMSI, ISBN, IBAN and the other countries' tables are never read.
KEPT_STDNUM_DATA = "/stdnum/cn/"

# macOS reads .icns itself; the Qt plugin for it is needed nowhere else.
EXCLUDED_QT_FILES_NOT_MAC = ["*/plugins/imageformats/*qicns*"]

# Qt's own translations: the languages the program speaks (zh_CN, en) stay.
KEPT_TRANSLATION_LANGUAGES = ("zh_CN", "en")


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with pyproject.open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for the Windows resource: 1.2.3rc1 -> (1, 2, 3, 0)."""
    found = re.match(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?", version.strip())
    numbers = [int(n) for n in found.groups() if n is not None] if found else []
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def calendar_last_year() -> int:
    """The last year whose holidays and make-up days (调休) chinesecalendar ships."""
    from chinese_calendar.constants import holidays

    return max(holidays).year


def build_year() -> int:
    from datetime import date

    return date.today().year


def is_excluded(path: str, system: str) -> bool:
    """Whether a file of the bundle (its destination path inside it) is left out."""
    path = path.replace("\\", "/")
    if not path.startswith("/"):
        path = "/" + path
    patterns = EXCLUDED_QT_FILES + ([] if system == "darwin" else EXCLUDED_QT_FILES_NOT_MAC)
    if system == "linux":
        patterns = patterns + LINUX_SYSTEM_LIBRARIES + LINUX_EXCLUDED_FILES
    if any(fnmatch(path, pattern) for pattern in patterns):
        return True
    return _foreign_translation(path) or _unread_stdnum_data(path)


def _unread_stdnum_data(path: str) -> bool:
    return path.startswith("/stdnum/") and path.endswith(".dat") and KEPT_STDNUM_DATA not in path


def _foreign_translation(path: str) -> bool:
    if "/Qt/translations/" not in path and "/translations/qt" not in path:
        return False
    name = path.rsplit("/", 1)[-1]
    return not any(f"_{lang}." in name for lang in KEPT_TRANSLATION_LANGUAGES)


def excluded_modules(system: str) -> list[str]:
    return EXCLUDED_MODULES + (LINUX_EXCLUDED_MODULES if system == "linux" else [])


def binary_wheel_builds(distributions: dict[str, str | None]) -> list[str]:
    """Which of LINUX_SOURCE_BUILDS the environment lacks or has as a binary wheel, from each
    distribution's WHEEL file text (None: not installed). A wheel built here is tagged
    linux_<arch>; PyPI's are manylinux/musllinux wheels with the libraries inside."""
    wrong = []
    for name in LINUX_SOURCE_BUILDS:
        wheel = distributions.get(name)
        if wheel is None or re.search(r"^Tag: .*-(manylinux|musllinux)", wheel, re.MULTILINE):
            wrong.append(name)
    return wrong


def windows_version_text(version: str) -> str:
    """The Windows version resource in PyInstaller's text format (EXE(version=...))."""
    numbers = version_tuple(version)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": f"{APP_NAME} ({APP_NAME_ZH})",
        "FileVersion": version,
        "InternalName": GUI_NAME,
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": f"{GUI_NAME}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": version,
    }
    string_structs = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings.items()
    )
    return f"""# UTF-8  (made by packaging/bundle_config.py from pyproject.toml; do not edit)
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080404b0',
        [
{string_structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [2052, 1200, 1033, 1200])])
  ]
)
"""


def info_plist(version: str) -> dict:
    """The macOS Info.plist entries merged into PyInstaller's (BUNDLE(info_plist=...))."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "zh_CN",
        "CFBundleLocalizations": ["zh_CN", "en"],
        "NSHumanReadableCopyright": COPYRIGHT,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        "LSApplicationCategoryType": "public.app-category.business",
    }
