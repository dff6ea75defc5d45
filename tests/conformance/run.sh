#!/usr/bin/env bash
# Exports the sample posts, the hostile corpus and the shared corpus with a release build of kgraph and
# validates every file with its real consumers: check.py (xmllint, NetworkX, igraph,
# Graphviz, Python's csv), js/check.mjs (graphology, Mermaid's parser) and tables.py (pyarrow
# for --format parquet, LadybugDB for --format neo4j), reads the Parquet tables back
# (build --from-parquet) into byte-identical JSON, and checks the tables of `kgraph extract`
# with check_extract.py (pyarrow, against docs/EXTRACT.md).
# Needs: graphviz, libxml2-utils, a Python with requirements.txt installed ($PYTHON),
# and Node with `npm ci --prefix tests/conformance/js` done.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
CORPUS=${CORPUS:-../shared/corpus/akf/_posts}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cargo build --release --quiet
KGRAPH=${CARGO_TARGET_DIR:-target}/release/kgraph
# The JavaScript readers parse the XML of the whole corpus through jsdom, which for the laid-out
# export with every metric needs more than Node's default heap of about 4 GB.
export NODE_OPTIONS=${NODE_OPTIONS:---max-old-space-size=8192}

# validate NAME [check.py options…]: every format of $OUT/NAME.* that exists, with every consumer.
validate() {
  local name=$1
  shift
  local py=(--json "$OUT/$name.json") js=(--json "$OUT/$name.json")
  [ -f "$OUT/$name.graphml" ] && py+=(--graphml "$OUT/$name.graphml") && js+=(--graphml "$OUT/$name.graphml")
  [ -f "$OUT/$name.gexf" ] && py+=(--gexf "$OUT/$name.gexf") && js+=(--gexf "$OUT/$name.gexf")
  [ -f "$OUT/$name.nodes.csv" ] && py+=(--csv "$OUT/$name.csv")
  [ -f "$OUT/$name.dot" ] && py+=(--dot "$OUT/$name.dot")
  [ -f "$OUT/$name.svg" ] && py+=(--svg "$OUT/$name.svg")
  [ -f "$OUT/$name.mmd" ] && js+=(--mermaid "$OUT/$name.mmd")
  "$PYTHON" tests/conformance/check.py "${py[@]}" "$@"
  node tests/conformance/js/check.mjs "${js[@]}"
}

# tables NAME INPUT…: the Parquet and Neo4j folders of the graph whose JSON is $OUT/NAME.json,
# checked by their consumers, and the JSON read back from the Parquet tables. (The inputs'
# warnings were shown by the build of NAME.json.)
tables() {
  local name=$1
  shift
  local format
  for format in parquet neo4j; do
    $KGRAPH build "$@" -q -o "$OUT/$name-$format" --format $format 2>"$OUT/$name.stderr" || {
      cat "$OUT/$name.stderr"
      echo "FAIL kgraph could not write --format $format"
      exit 1
    }
  done
  "$PYTHON" tests/conformance/tables.py --json "$OUT/$name.json" \
    --parquet "$OUT/$name-parquet" --neo4j "$OUT/$name-neo4j"
  $KGRAPH build --from-parquet "$OUT/$name-parquet" -q -o "$OUT/$name-back.json"
  if cmp -s "$OUT/$name.json" "$OUT/$name-back.json"; then
    echo "PASS parquet round trip: build --from-parquet gives byte-identical JSON"
  else
    echo "FAIL parquet round trip: $OUT/$name-back.json differs from $OUT/$name.json"
    exit 1
  fi
}

echo "== sample posts (data/)"
$KGRAPH build data -o "$OUT/data.json" -o "$OUT/data.graphml" -o "$OUT/data.gexf" \
  -o "$OUT/data.csv" -o "$OUT/data.dot" -o "$OUT/data.svg" -o "$OUT/data.mmd"
validate data --expect-labels 多模态,细粒度,贝叶斯
tables data data

echo "== hostile corpus (tests/fixtures/hostile/input): every post is salvaged or skipped with a warning"
# Warnings only: exit 0, and exit 1 under --strict. `set -e` must not stop the script first.
status=0
$KGRAPH build tests/fixtures/hostile/input -o "$OUT/hostile.json" -o "$OUT/hostile.graphml" \
  -o "$OUT/hostile.gexf" -o "$OUT/hostile.csv" -o "$OUT/hostile.dot" -o "$OUT/hostile.svg" \
  -o "$OUT/hostile.mmd" 2>"$OUT/hostile.stderr" || status=$?
if [ "$status" -ne 0 ]; then
  cat "$OUT/hostile.stderr"
  echo "FAIL kgraph exited $status on the hostile corpus, want 0"
  exit 1
fi
status=0
$KGRAPH build tests/fixtures/hostile/input --strict -q -o "$OUT/strict.json" 2>/dev/null || status=$?
if [ "$status" -ne 1 ]; then
  echo "FAIL kgraph --strict exited $status on the hostile corpus, want 1"
  exit 1
fi
validate hostile --expect-labels '多模态,Classic Mac line endings,Notepad 的 Unicode,BOM & CRLF <twin>'
tables hostile tests/fixtures/hostile/input

echo "== kgraph extract: the sample posts and the hostile corpus, whole and in two shards"
$KGRAPH extract data tests/fixtures/hostile/input -q -o "$OUT/tables"
"$PYTHON" tests/conformance/check_extract.py "$OUT/tables" docs/EXTRACT.md
$KGRAPH extract data -q -o "$OUT/data-tables"
"$PYTHON" tests/conformance/check_extract.py "$OUT/data-tables" docs/EXTRACT.md "$OUT/data.json"
$KGRAPH extract data -q -o "$OUT/shards" --shard a
$KGRAPH extract tests/fixtures/hostile/input -q -o "$OUT/shards" --shard b
"$PYTHON" tests/conformance/check_extract.py "$OUT/shards" docs/EXTRACT.md

if [ -d "$CORPUS" ]; then
  echo "== shared corpus ($CORPUS)"
  $KGRAPH build "$CORPUS" -o "$OUT/corpus.json" -o "$OUT/corpus.graphml" -o "$OUT/corpus.gexf" \
    -o "$OUT/corpus.csv"
  validate corpus
  tables corpus "$CORPUS"

  echo "== shared corpus with positions and community colours (--layout fa2)"
  $KGRAPH build "$CORPUS" --layout fa2 --color-by community --size-by pagerank \
    -o "$OUT/layout.json" -o "$OUT/layout.graphml" -o "$OUT/layout.gexf" -o "$OUT/layout.csv"
  validate layout

  echo "== a focused subgraph of the corpus, drawn by Graphviz"
  $KGRAPH build "$CORPUS" --focus 多模态 --depth 1 --max-nodes 150 \
    -o "$OUT/focus.json" -o "$OUT/focus.graphml" -o "$OUT/focus.gexf" -o "$OUT/focus.csv" \
    -o "$OUT/focus.dot" -o "$OUT/focus.svg" -o "$OUT/focus.mmd"
  validate focus --expect-labels 多模态

  echo "== shared corpus, kgraph extract"
  $KGRAPH extract "$CORPUS" -q -o "$OUT/corpus-tables"
  "$PYTHON" tests/conformance/check_extract.py "$OUT/corpus-tables" docs/EXTRACT.md "$OUT/corpus.json"
else
  echo "== shared corpus not found at $CORPUS: skipped"
fi
