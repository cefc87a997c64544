#!/bin/sh
# Makes dist/Sales-Compass-<version>.dmg from dist/Sales Compass.app (macOS only: hdiutil).
#
#     pyinstaller packaging/sales-compass.spec --noconfirm
#     packaging/macos/make_dmg.sh
#
# The disk image holds the .app and a link to /Applications to drag it onto. The app is signed
# ad hoc (codesign -s -) so Apple silicon runs it; a department with an Apple Developer ID signs
# and notarises instead: set SIGN_IDENTITY="Developer ID Application: ..." and, after this
# script, `xcrun notarytool submit dist/Sales-Compass-*.dmg --wait` and `xcrun stapler staple`.
# The user's archives are in ~/Library/Application Support/SalesCompass, never in the .app:
# replacing or deleting the .app keeps them.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
APP="$ROOT/dist/Sales Compass.app"
VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
DMG="$ROOT/dist/Sales-Compass-$VERSION.dmg"
SIGN_IDENTITY=${SIGN_IDENTITY:--}

test -d "$APP" || { echo "no $APP: build it first" >&2; exit 1; }
if [ "$SIGN_IDENTITY" = - ]; then
    codesign --force --deep --sign - "$APP"
else  # notarisation needs the hardened runtime; Python and Qt need these entitlements with it
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$ROOT/packaging/macos/entitlements.plist" --sign "$SIGN_IDENTITY" "$APP"
fi
codesign --verify --deep --strict "$APP"

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Sales Compass $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 "$DMG"
hdiutil verify "$DMG"
echo "$DMG"
