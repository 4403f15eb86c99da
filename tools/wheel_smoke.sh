#!/usr/bin/env bash
# Install Descent Lab the way a user who never cloned it does, and check that it works.
#
#   tools/wheel_smoke.sh            (after `make test`: builds with .venv/bin/python, which has build + setuptools)
#   BUILD_PYTHON=python3 tools/wheel_smoke.sh
#
# 1. builds the sdist and, from it, the wheel (python -m build), from a copy of the checkout's files (the checkout
#    gets no build/ or *.egg-info);
# 2. installs the wheel into a fresh virtual environment in a temporary folder outside the checkout;
# 3. from a working folder outside the checkout (so the source tree cannot be imported) runs: descent-lab --version,
#    descent-lab functions, a headless export of a bundled example, an offscreen start of the window whose Examples
#    menu must list every shipped example, and install/uninstall-desktop-entry --user into a temporary XDG_DATA_HOME.
# Everything lives in one mktemp -d folder, removed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_PYTHON=${BUILD_PYTHON:-$ROOT/.venv/bin/python}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
step() { echo "== wheel smoke: $*"; }
ok() { passed=$((passed + 1)); echo "   ok: $*"; }
fail() { echo "wheel smoke: FAILED: $*" >&2; exit 1; }

[ -x "$BUILD_PYTHON" ] || fail "$BUILD_PYTHON not found (run make test first, or set BUILD_PYTHON)"

step "copy the checkout's files to $WORK/src"
mkdir "$WORK/src"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$WORK/src"
else
    tar -C "$ROOT" --exclude=.venv --exclude=.git --exclude=__pycache__ --exclude=build --exclude='*.egg-info' -cf - . \
        | tar -xf - -C "$WORK/src"
fi

step "build the sdist and the wheel"
(cd "$WORK/src" && "$BUILD_PYTHON" -m build --no-isolation --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1) \
    || { tail -30 "$WORK/build.log"; fail "python -m build"; }
WHEEL=$(ls "$WORK"/dist/descent_lab-*.whl)
SDIST=$(ls "$WORK"/dist/descent_lab-*.tar.gz)
ls -l "$WHEEL" "$SDIST"
unzip -l "$WHEEL"
ok "built $(basename "$SDIST") and $(basename "$WHEEL") ($(du -k "$WHEEL" | cut -f1) KiB)"

VERSION=$("$BUILD_PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' \
          "$ROOT/pyproject.toml")
EXAMPLES=$(cd "$ROOT/app/resources/scenes" && ls -1 -- *.json | sort | tr '\n' ' ')
[ -n "$EXAMPLES" ] || fail "no example scenes in the checkout"

step "install the wheel into a fresh virtual environment"
"$BUILD_PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install --quiet --disable-pip-version-check "$WHEEL" >"$WORK/pip.log" 2>&1 \
    || { tail -30 "$WORK/pip.log"; fail "pip install the wheel"; }
ok "installed into $WORK/venv"

mkdir "$WORK/run" "$WORK/config" "$WORK/data"
cd "$WORK/run"  # outside the checkout: only the installed package can be imported
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" QT_QPA_PLATFORM=offscreen DESCENT_LAB_LANG=en
unset PYTHONPATH
CLI="$WORK/venv/bin/descent-lab"

step "descent-lab --version"
got=$("$CLI" --version)
[ "$got" = "descent-lab $VERSION" ] || fail "descent-lab --version printed '$got', expected 'descent-lab $VERSION'"
ok "$got"

step "descent-lab functions"
"$CLI" functions >functions.txt
(cd "$ROOT" && "$BUILD_PYTHON" -m app.cli functions) >functions-checkout.txt
diff functions-checkout.txt functions.txt || fail "the installed catalogue differs from the checkout's"
ok "$(wc -l <functions.txt) landscapes, as in the checkout"

step "headless export of a bundled example"
scene=$("$VPY" -c 'from app.resources import example_scene; print(example_scene("himmelblau-four-basins.json"))')
case "$scene" in "$WORK/venv/"*) ;; *) fail "the example was found at $scene, not in the installed package" ;; esac
timeout 300 "$CLI" export "$scene" -o out.gif --size 320x240 --fps 10 --duration 1 >/dev/null
"$VPY" - <<'EOF' || fail "the exported GIF"
from PIL import Image
with Image.open("out.gif") as im:
    assert im.format == "GIF" and im.size == (320, 240), (im.format, im.size)
    assert im.n_frames >= 5, im.n_frames
EOF
ok "out.gif from $scene"

step "offscreen start of the window"
timeout 300 "$VPY" - "$WORK" $EXAMPLES <<'EOF' || fail "the installed window"
import sys
from pathlib import Path

import app
work, expected = Path(sys.argv[1]), sorted(sys.argv[2:])
assert Path(app.__file__).is_relative_to(work / "venv"), f"imported {app.__file__}, not the installed package"
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QGuiApplication, QIcon

from app.__main__ import create_app
from app.i18n import install_translator
from app.resources import icon_path

qapp = create_app(["descent-lab"])
from app.main_window import MainWindow

window = MainWindow(settings=QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
window.show()
qapp.processEvents()
listed = sorted(action.data() for action in window.file_actions.example_actions)
assert listed == expected, f"Examples menu lists {listed}, the checkout ships {expected}"
assert window.file_actions.examples_menu.isEnabled()
assert window.file_actions.example_actions[0].isEnabled()
window.file_actions.modified = False  # no "save changes?" question, which would wait for an answer
window.file_actions.example_actions[0].trigger()  # opens as an untitled scene
assert window.file_actions.path is None and not window.file_actions.modified
assert QGuiApplication.desktopFileName() == "descent-lab", QGuiApplication.desktopFileName()
assert icon_path().is_file() and not QIcon(str(icon_path())).pixmap(64, 64).isNull(), "the packaged SVG icon"
assert install_translator(qapp, "zh_CN"), "the packaged Chinese catalogue did not load"
assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
window.close()
qapp.processEvents()  # as the event loop would after the last window closes: pending events go before teardown
print(f"Examples menu: {len(listed)} scenes; desktop file name descent-lab; SVG icon; zh_CN catalogue")
EOF
ok "the window starts; its Examples menu lists all of: $EXAMPLES"

step "install-desktop-entry --user / uninstall-desktop-entry --user"
"$CLI" install-desktop-entry --user
desktop="$XDG_DATA_HOME/applications/descent-lab.desktop"
icon="$XDG_DATA_HOME/icons/hicolor/scalable/apps/descent-lab.svg"
[ -s "$desktop" ] && [ -s "$icon" ] || fail "install-desktop-entry did not write $desktop and $icon"
grep -qx "Exec=$WORK/venv/bin/descent-lab" "$desktop" || fail "Exec= is not the installed script: $(grep ^Exec "$desktop")"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" || fail "desktop-file-validate"
else
    echo "   (desktop-file-validate not installed: Debian's desktop-file-utils; skipped)"
fi
"$CLI" uninstall-desktop-entry --user
[ ! -e "$desktop" ] && [ ! -e "$icon" ] || fail "uninstall-desktop-entry left files behind"
ok "the launcher entry and icon were written, then removed"

echo "wheel_smoke: $passed passed, 0 failed"
