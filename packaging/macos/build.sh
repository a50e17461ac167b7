#!/bin/sh
# Build the macOS disk image of WebNova Console:
#   1. packaging/build.py: translations, PyInstaller "WebNova Console.app" (the spec's
#      BUNDLE step on darwin), smoke test of the binary inside the .app;
#   2. optional signing (CODESIGN_IDENTITY="Developer ID Application: ...");
#   3. hdiutil: dist/webnova-console-<version>-macos-<arch>.dmg with an Applications link.
# Usage: PYTHON=.venv/bin/python packaging/macos/build.sh
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PYTHON=${PYTHON:-python3}
cd "$ROOT"

"$PYTHON" packaging/build.py
VERSION=$("$PYTHON" -c 'import sys; sys.path.insert(0, "packaging"); import webnova_bundle as b; print(b.app_version())')
APP="dist/WebNova Console.app"
[ -d "$APP" ] || { echo "error: $APP was not built" >&2; exit 1; }

if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --strict --verbose=2 "$APP"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG="dist/webnova-console-$VERSION-macos-$(uname -m).dmg"
hdiutil create -volname "WebNova Console" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
ls -lh "$DMG"
