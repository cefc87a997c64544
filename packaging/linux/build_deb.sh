#!/bin/sh
# Builds dist/sales-compass_<version>_<arch>.deb from the PyInstaller folder dist/sales-compass/.
#
#     packaging/linux/build_deb.sh [BUNDLE_DIR] [OUT_DIR]
#
# The package installs the bundle to /opt/sales-compass, links /usr/bin/sales-compass and
# /usr/bin/sales-compass-cli to it, and adds the menu entry and the icons (hicolor theme).
# Needs dpkg-deb (and fakeroot when not run as root). The user's archives are never in the package:
# they live in ~/.local/share/SalesCompass, which removing the package leaves alone.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
BUNDLE=${1:-$ROOT/dist/sales-compass}
OUT=${2:-$ROOT/dist}
PYTHON=${PYTHON:-python3}

VERSION=$("$PYTHON" -c "import sys, tomllib; print(tomllib.load(open(sys.argv[1], 'rb'))['project']['version'])" "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
NAME=sales-compass
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

test -x "$BUNDLE/sales-compass" && test -x "$BUNDLE/sales-compass-cli" || {
    echo "no bundle at $BUNDLE: build it first (pyinstaller packaging/sales-compass.spec)" >&2
    exit 1
}

mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/DEBIAN" \
    "$STAGE/usr/share/doc/$NAME"
cp -a "$BUNDLE" "$STAGE/opt/$NAME"
ln -s "/opt/$NAME/sales-compass" "$STAGE/usr/bin/sales-compass"
ln -s "/opt/$NAME/sales-compass-cli" "$STAGE/usr/bin/sales-compass-cli"
install -m644 "$ROOT/packaging/sales-compass.desktop" "$STAGE/usr/share/applications/$NAME.desktop"
for png in "$ROOT"/resources/icons/app/*.png; do
    size=$(basename "$png" .png)
    install -Dm644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
install -Dm644 "$ROOT/resources/icons/sales-compass.svg" \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
install -m644 "$ROOT/LICENSE" "$STAGE/usr/share/doc/$NAME/copyright"

# The system libraries the bundle links and does not carry (packaging/bundle_config.py,
# LINUX_SYSTEM_LIBRARIES): the C and C++ runtimes, compression, GLib, D-Bus, fonts, X11/xcb and
# Wayland clients, OpenGL/EGL, OpenSSL, Kerberos (Qt Network) and CUPS (Qt's print dialog); what
# the extensions built from source link (build_venv.sh): libpq5 (team archives), libxml2 and
# libxslt1.1 (Word files); the window's font (fonts-wqy-microhei: the bundle links its file).
DEPENDS="libc6 (>= 2.31), libstdc++6, libgcc-s1, zlib1g, libbz2-1.0, liblzma5, libzstd1, libffi8, \
libpq5, libxml2, libxslt1.1, fonts-wqy-microhei, \
libuuid1, libssl3, libglib2.0-0, libdbus-1-3, libfontconfig1, libfreetype6, libx11-6, libx11-xcb1, libxcb1, \
libxcb-cursor0, libxcb-glx0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, \
libxcb-render0, libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-util1, \
libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, libegl1, libgl1, \
libwayland-client0, libwayland-cursor0, libwayland-egl1, libgssapi-krb5-2, libcups2"

# Every library the bundle links must be in the bundle or on this (the oldest supported) system.
LINKED=$(LD_LIBRARY_PATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" find "$BUNDLE" -type f -name '*.so*' -exec ldd {} + 2>/dev/null || true)
missing=$(echo "$LINKED" | grep 'not found' | sort -u || true)
[ -z "$missing" ] || echo "warning: libraries neither bundled nor installed here:$(echo; echo "$missing")" >&2

# The system's packages of what the bundle links outside itself (besides the list above: the
# extensions built from source against the system's libraries, packaging/linux/build_venv.sh,
# e.g. libpq5, libxml2, libxslt1.1, libtiff, libwebp; their names differ between releases, so they
# are looked up here, as dpkg-shlibdeps would) and of the files its links point to outside itself
# (the window's font: fonts-wqy-microhei).
owner() {
    dpkg -S "$(readlink -f "$1")" 2>/dev/null | head -n 1 | cut -d: -f1 | cut -d, -f1 || true
}
OUTSIDE=$( (echo "$LINKED" | sed -n 's/.* => \(\/[^ ]*\) (0x.*/\1/p' | grep -v "^$BUNDLE/" ;
    find "$BUNDLE" -type l -lname '/*' -exec readlink {} \;) | sort -u)
FOUND=$(for file in $OUTSIDE; do owner "$file"; done | grep -v '^$' | sort -u | tr '\n' ' ')
for package in $FOUND; do
    case ", $DEPENDS, " in *", $package, "* | *", $package "*) ;; *) DEPENDS="$DEPENDS, $package" ;; esac
done
echo "Depends: $DEPENDS" >&2

SIZE=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Maintainer: Sales Compass <noreply@salescompass.invalid>
Installed-Size: $SIZE
Depends: $DEPENDS
Homepage: https://github.com/sales-compass/sales-compass
Description: Sales Compass (销售罗盘): the key-account team's archive
 Clients, contacts, activities, visit plans, tenders, documents, contracts,
 receipts and reports of a key-account sales team, with Chinese printed
 documents. The command sales-compass opens the window; sales-compass-cli
 is the command line.
EOF
cat > "$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
EOF
cat > "$STAGE/DEBIAN/postrm" <<'EOF'
#!/bin/sh
# The users' archives (~/.local/share/SalesCompass) are theirs: removing the package keeps them.
set -e
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
exit 0
EOF
chmod 755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
chmod 755 "$STAGE"
chmod -R u+rwX,go+rX,go-w "$STAGE/opt" "$STAGE/usr"

mkdir -p "$OUT"
DEB="$OUT/${NAME}_${VERSION}_${ARCH}.deb"
if [ "$(id -u)" = 0 ]; then
    dpkg-deb --root-owner-group --build -Zxz "$STAGE" "$DEB"
else
    fakeroot dpkg-deb --build -Zxz "$STAGE" "$DEB"
fi
echo "$DEB"
