#!/bin/bash
# Are translations/nsgate_<lang>.ts current and complete?
#
# Runs lupdate over the current sources into temporary copies of the committed
# .ts files and fails, naming the strings, when
#   (a) the sources have a string the committed file lacks, or the committed
#       file has one the sources no longer have (the .ts file is out of date:
#       cmake --build BUILD --target update_translations, then translate);
#   (b) a message is unfinished or untranslated, or is kept as vanished/obsolete;
#   (c) a translation drops or adds a placeholder (%1, %n, ...) of its source;
#   (d) lupdate could not tell a tr() call's context (the string would never be
#       found at run time: name the context, see translations/README.md).
#
# usage: check_translations.sh LUPDATE SOURCE_DIR
set -euo pipefail

LUPDATE=${1:?usage: check_translations.sh LUPDATE SOURCE_DIR}
SRC=${2:?usage: check_translations.sh LUPDATE SOURCE_DIR}
# Keep in step with NSGATE_I18N_SOURCE_DIRS in translations/CMakeLists.txt.
DIRS=(ui core/client core/model core/export core/store app/console app/ctl)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

sources=()
for dir in "${DIRS[@]}"; do
  for f in "$SRC/$dir"/*.cpp "$SRC/$dir"/*.h; do
    [[ -e $f ]] && sources+=("$f")
  done
done
printf '%s\n' "${sources[@]}" | LC_ALL=C sort >"$WORK/sources.lst"

status=0
for ts in "$SRC"/translations/nsgate_*.ts; do
  name=$(basename "$ts")
  cp "$ts" "$WORK/$name"
  options=(-locations none -I "$SRC" -tr-function-alias QT_TRANSLATE_NOOP+=NSGATE_TEXT)
  [[ $name == nsgate_en.ts ]] && options+=(-pluralonly)
  # Without -no-obsolete: strings gone from the sources come back as vanished.
  if ! "$LUPDATE" "${options[@]}" "@$WORK/sources.lst" -ts "$WORK/$name" >"$WORK/$name.log" 2>&1; then
    echo "FAIL $name: lupdate failed:"
    cat "$WORK/$name.log"
    status=1
    continue
  fi
  if grep -E "lacks Q_OBJECT|cannot be called without context|Qualifying with unknown|Discarding unconsumed" \
      "$WORK/$name.log" >"$WORK/$name.warn"; then
    echo "FAIL $name: lupdate could not place these tr() calls in a context (they would never be translated):"
    sed 's/^/  /' "$WORK/$name.warn"
    status=1
  fi
  if ! python3 - "$ts" "$WORK/$name" <<'PY'
import re
import sys
import xml.etree.ElementTree as ET

committed_path, updated_path = sys.argv[1], sys.argv[2]
name = committed_path.rsplit("/", 1)[-1]


def messages(path):
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        ctx = context.findtext("name")
        for m in context.iter("message"):
            key = (ctx, m.findtext("source"), m.findtext("comment") or "")
            t = m.find("translation")
            forms = [f.text or "" for f in t.iter("numerusform")] if m.get("numerus") == "yes" else [t.text or ""]
            out[key] = (t.get("type") or "", forms, m.get("numerus") == "yes")
    return out


def show(key):
    ctx, source, comment = key
    text = source.replace("\n", "\\n")
    return f"  [{ctx}] \"{text}\"" + (f" ({comment})" if comment else "")


committed = messages(committed_path)
updated = messages(updated_path)
problems = {}


def report(kind, key):
    problems.setdefault(kind, []).append(key)


for key, (kind, forms, numerus) in updated.items():
    if key not in committed:
        report("new in the sources, missing from the committed file", key)
    elif kind in ("vanished", "obsolete"):
        report("gone from the sources, still in the committed file", key)
for key, (kind, forms, numerus) in committed.items():
    if kind in ("vanished", "obsolete"):
        report("kept as vanished/obsolete in the committed file", key)
    elif kind == "unfinished" or not all(f.strip() for f in forms):
        report("unfinished or untranslated", key)
    else:
        wanted = sorted(set(re.findall(r"%(?:\d+|n)", key[1])))
        if any(sorted(set(re.findall(r"%(?:\d+|n)", form))) != wanted for form in forms):
            report("placeholders differ from the source", key)

if problems:
    for kind, keys in problems.items():
        print(f"FAIL {name}: {len(keys)} message(s) {kind}:")
        for key in sorted(keys):
            print(show(key))
    if any(k.startswith(("new", "gone")) for k in problems):
        print("  -> cmake --build BUILD --target update_translations, then translate the new strings")
    sys.exit(1)
print(f"ok   {name}: {len(committed)} messages, all current and translated")
PY
  then
    status=1
  fi
done
exit $status
