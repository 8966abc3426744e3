#!/usr/bin/env bash
# Regenerates the console screenshots in docs/screenshots from the real
# application under Xvfb, against a real nsgate holding the demo config:
# every page in English with the light palette, and the main pages in German
# and with the dark palette (docs/screenshots/{de,dark,de-dark}).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
"$here/scripts/deps.sh" build test
export CCACHE_BASEDIR="$here"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target console_screenshots nsgate
shots=build/dev/tests/ui/console_screenshots
run() { xvfb-run -a -s "-screen 0 1400x900x24" "$shots" "$@"; }
main_pages=namespaces,validation,review,live,audit
mkdir -p docs/screenshots/de docs/screenshots/dark docs/screenshots/de-dark
run "$here/docs/screenshots"
run --language de --pages "$main_pages" "$here/docs/screenshots/de"
run --palette dark --pages "$main_pages" "$here/docs/screenshots/dark"
run --language de --palette dark --pages "$main_pages" "$here/docs/screenshots/de-dark"
