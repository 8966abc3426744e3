#!/usr/bin/env bash
# Regenerates the console screenshots in docs/screenshots from the real
# application under Xvfb, against a real nsgate holding the demo config.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
"$here/scripts/deps.sh" build test
export CCACHE_BASEDIR="$here"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target console_screenshots
mkdir -p docs/screenshots
xvfb-run -a -s "-screen 0 1400x900x24" build/dev/tests/ui/console_screenshots "$here/docs/screenshots"
