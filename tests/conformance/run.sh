#!/usr/bin/env bash
# Exports the sample posts, the hostile corpus and the shared corpus with a release build of kgraph and
# validates every file with its real consumers (tests/conformance/check.py).
# Needs: graphviz, libxml2-utils, and a Python with requirements.txt installed ($PYTHON).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
CORPUS=${CORPUS:-../shared/corpus/akf/_posts}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cargo build --release --quiet
KGRAPH=target/release/kgraph
CHECK="$PYTHON tests/conformance/check.py"

echo "== sample posts (data/)"
$KGRAPH build data -o "$OUT/data.json" -o "$OUT/data.graphml" -o "$OUT/data.dot"
$CHECK --json "$OUT/data.json" --graphml "$OUT/data.graphml" --dot "$OUT/data.dot" \
  --expect-labels 多模态,细粒度,贝叶斯

echo "== hostile corpus (tests/hostile/posts): every post is salvaged or skipped with a warning"
# Warnings only: exit 0, and exit 1 under --strict. `set -e` must not stop the script first.
status=0
$KGRAPH build tests/hostile/posts -o "$OUT/hostile.json" -o "$OUT/hostile.graphml" \
  -o "$OUT/hostile.dot" 2>"$OUT/hostile.stderr" || status=$?
if [ "$status" -ne 0 ]; then
  cat "$OUT/hostile.stderr"
  echo "FAIL kgraph exited $status on the hostile corpus, want 0"
  exit 1
fi
status=0
$KGRAPH build tests/hostile/posts --strict -q -o "$OUT/strict.json" 2>/dev/null || status=$?
if [ "$status" -ne 1 ]; then
  echo "FAIL kgraph --strict exited $status on the hostile corpus, want 1"
  exit 1
fi
$CHECK --json "$OUT/hostile.json" --graphml "$OUT/hostile.graphml" --dot "$OUT/hostile.dot" \
  --expect-labels '多模态,Classic Mac line endings,Notepad 的 Unicode,BOM & CRLF <twin>'

if [ -d "$CORPUS" ]; then
  echo "== shared corpus ($CORPUS)"
  $KGRAPH build "$CORPUS" -o "$OUT/corpus.json" -o "$OUT/corpus.graphml"
  $CHECK --json "$OUT/corpus.json" --graphml "$OUT/corpus.graphml"

  echo "== a focused subgraph of the corpus, drawn by Graphviz"
  $KGRAPH build "$CORPUS" --focus 多模态 --depth 1 --max-nodes 150 \
    -o "$OUT/focus.json" -o "$OUT/focus.graphml" -o "$OUT/focus.dot"
  $CHECK --json "$OUT/focus.json" --graphml "$OUT/focus.graphml" --dot "$OUT/focus.dot"
else
  echo "== shared corpus not found at $CORPUS: skipped"
fi
