#!/usr/bin/env bash
# Checks `-o graph.html` in a real browser: builds kgraph (release, with the viewer), writes the
# HTML and JSON of the sample posts, and drives Debian's Chromium over the HTML (test.mjs).
#
#   tests/browser/run.sh                      the check on data/ (what CI runs)
#   tests/browser/run.sh --update-screenshot  also rewrites docs/viewer.png from the shared corpus
#
# Needs Node.js >= 20 and npm (the npm registry, for playwright-core and the viewer's packages),
# /usr/bin/chromium (Debian's `chromium`) and a CJK font (`fonts-noto-cjk`) for readable labels.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${CORPUS:-../shared/corpus/akf/_posts}
KGRAPH=${CARGO_TARGET_DIR:-target}/release/kgraph
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cargo build --release --quiet
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== the viewer on the sample posts (data/)"
"$KGRAPH" build data --quiet -o "$OUT/data.html" -o "$OUT/data.json"
node tests/browser/test.mjs --html "$OUT/data.html" --json "$OUT/data.json" --screenshot "$OUT/data.png"

if [ "${1:-}" = "--update-screenshot" ]; then
  echo "== docs/viewer.png from the shared corpus ($CORPUS)"
  "$KGRAPH" build "$CORPUS" --quiet -o "$OUT/corpus.html" -o "$OUT/corpus.json" 2>/dev/null || [ $? -eq 1 ]
  node tests/browser/test.mjs --html "$OUT/corpus.html" --json "$OUT/corpus.json" \
    --screenshot "$OUT/corpus.png" --overview docs/viewer.png
  if command -v pngquant >/dev/null; then  # Debian's pngquant: a third of the size
    pngquant --force --skip-if-larger --strip --quality 70-95 --output docs/viewer.png docs/viewer.png
  fi
  ls -l docs/viewer.png
fi
