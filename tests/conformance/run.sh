#!/usr/bin/env bash
# Exports the sample posts and the shared corpus with a release build of kgraph and
# validates every file with its real consumers (tests/conformance/check.py).
# Needs: graphviz, libxml2-utils, and a Python with requirements.txt installed ($PYTHON).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
CORPUS=${CORPUS:-../shared/corpus/akf/_posts}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cargo build --release --quiet
KGRAPH=${CARGO_TARGET_DIR:-target}/release/kgraph
CHECK="$PYTHON tests/conformance/check.py"

echo "== sample posts (data/)"
$KGRAPH build data -o "$OUT/data.json" -o "$OUT/data.graphml" -o "$OUT/data.dot"
$CHECK --json "$OUT/data.json" --graphml "$OUT/data.graphml" --dot "$OUT/data.dot" \
  --expect-labels 多模态,细粒度,贝叶斯

if [ -d "$CORPUS" ]; then
  echo "== shared corpus ($CORPUS)"
  $KGRAPH build "$CORPUS" -o "$OUT/corpus.json" -o "$OUT/corpus.graphml"
  $CHECK --json "$OUT/corpus.json" --graphml "$OUT/corpus.graphml"

  echo "== shared corpus with positions and community colours (--layout fa2)"
  $KGRAPH build "$CORPUS" --layout fa2 --color-by community --size-by pagerank \
    -o "$OUT/layout.json" -o "$OUT/layout.graphml" -o "$OUT/layout.gexf"
  $CHECK --json "$OUT/layout.json" --graphml "$OUT/layout.graphml"
  xmllint --noout --nonet --relaxng ../shared/schemas/gexf/1.3/gexf.rng "$OUT/layout.gexf"
  # The JavaScript readers parse XML through jsdom, which needs more than Node's default heap
  # for the whole corpus: they read a neighbourhood of it.
  $KGRAPH build "$CORPUS" --focus 多模态 --depth 2 --layout fa2 --color-by community \
    -o "$OUT/layout-focus.json" -o "$OUT/layout-focus.graphml" -o "$OUT/layout-focus.gexf"
  if [ -d tests/conformance/js/node_modules ]; then
    node tests/conformance/js/check.mjs --json "$OUT/layout-focus.json" \
      --gexf "$OUT/layout-focus.gexf" --graphml "$OUT/layout-focus.graphml"
  else
    echo "(tests/conformance/js/node_modules missing: npm ci --prefix tests/conformance/js for the JavaScript readers)"
  fi

  echo "== a focused subgraph of the corpus, drawn by Graphviz"
  $KGRAPH build "$CORPUS" --focus 多模态 --depth 1 --max-nodes 150 \
    -o "$OUT/focus.json" -o "$OUT/focus.graphml" -o "$OUT/focus.dot"
  $CHECK --json "$OUT/focus.json" --graphml "$OUT/focus.graphml" --dot "$OUT/focus.dot"
else
  echo "== shared corpus not found at $CORPUS: skipped"
fi
