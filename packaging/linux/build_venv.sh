#!/bin/sh
# Makes the Python environment the Linux bundle is built from (Debian/Ubuntu), apart from any
# development environment:
#
#     packaging/linux/build_venv.sh [VENV]          # default /tmp/pack-venv
#     VENV/bin/pyinstaller packaging/sales-compass.spec --noconfirm
#
# Windows and macOS use the binary wheels as they are (`pip install ".[package]"`): they have no
# system libraries to lean on. On Linux three wheels carry their own copies of libraries every
# Debian/Ubuntu has, so they are built here from source, at the same versions as the wheels they
# replace, against the system's libraries (the .deb then depends on their packages; build_deb.sh
# finds them with dpkg -S):
#   psycopg-binary (libpq, OpenSSL, Kerberos, LDAP, SASL) -> psycopg-c against libpq5
#   pillow (libjpeg, libtiff, libwebp, OpenJPEG, LCMS, FreeType, HarfBuzz, xcb) -> the same formats
#     against the system's libraries
#   lxml (libxml2, libxslt statically inside) -> against libxml2 and libxslt1.1
# The system packages needed to build them:
#   apt-get install gcc libpq-dev libjpeg-dev zlib1g-dev libtiff-dev libwebp-dev \
#     libopenjp2-7-dev liblcms2-dev libfreetype-dev libxcb1-dev libxml2-dev libxslt1-dev \
#     fonts-wqy-microhei
# (fonts-wqy-microhei: the bundle links the system's copy of the window's font, identical to
# resources/fonts/wqy-microhei.ttc; see packaging/README.md.)
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
VENV=${1:-/tmp/pack-venv}
PYTHON=${PYTHON:-python3.11}

"$PYTHON" -m venv "$VENV"
PIP="$VENV/bin/pip"
"$PIP" install --upgrade pip
"$PIP" install "$ROOT[package]"
"$PIP" install --upgrade chinesecalendar   # the newest 调休 schedule (packaging/README.md)

version() { "$VENV/bin/python" -c "from importlib.metadata import version; print(version('$1'))"; }
PSYCOPG=$(version psycopg)
PILLOW=$(version pillow)
LXML=$(version lxml)

"$PIP" uninstall -y psycopg-binary
"$PIP" install --no-binary psycopg-c "psycopg-c==$PSYCOPG"
"$PIP" install --force-reinstall --no-deps --no-binary pillow "pillow==$PILLOW"
# lxml's sdist carries its generated C: built without Cython (a newer Cython than the index has
# may be asked for by its build requirements), so without build isolation.
"$PIP" install "setuptools>=70.1" wheel
"$PIP" install --force-reinstall --no-deps --no-build-isolation --no-binary lxml "lxml==$LXML"

"$VENV/bin/python" - <<'EOF'
import psycopg
from PIL import features
from lxml import etree

assert psycopg.pq.__impl__ == "c", psycopg.pq.__impl__
missing = [f for f in ("jpg", "zlib", "libtiff", "webp", "jpg_2000", "littlecms2", "freetype2")
           if not features.check(f)]
assert not missing, f"Pillow was built without {missing}: install their -dev packages"
print("psycopg", psycopg.__version__, "libpq", psycopg.pq.version(),
      "| lxml", etree.LXML_VERSION, "libxml2", etree.LIBXML_VERSION)
EOF
