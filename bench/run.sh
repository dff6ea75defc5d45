#!/usr/bin/env bash
# Whole-process benchmarks of kgraph (see BENCHMARKS.md):
#   1x   the shared corpus, kgraph and the NetworkX baseline side by side (hyperfine), with
#        ripgrep scanning the same files as the floor (when `rg` is installed)
#   10x  and 100x generated corpora (examples/gen_corpus.rs), linearity ratio; a scale of 1000
#        or more is run once (wall time and peak RSS only: SCALES="10 100 1000")
#   startup on one post with --no-keywords
#   cached rebuilds: a copy of the 1x (and 10x) corpus with one post edited before each run,
#     --no-cache and a warm cache side by side (hyperfine)
#   peak RSS of each kgraph run (/usr/bin/time -v), and its stage split (kgraph --timings)
# Results go to $TARGET/bench-results/<date>/ (summary.md is the table for BENCHMARKS.md).
#
# Usage: bench/run.sh [--smoke] [--stages] [--loads] [--allow-failure]
#   --smoke          generate a 2x corpus from data/ and run kgraph once on it (CI; no hyperfine)
#   --stages         also run the criterion stage benchmarks (cargo bench --features bench-stages --bench stages)
#   --loads          also time NetworkX and graphology loading the 1x JSON (with and without
#                    --json-links), GraphML and GEXF (bench/load_times.py, bench/load_times.mjs)
#   --allow-failure  keep formats whose exporter fails and time failing runs anyway
#                    (for trying the harness on a work-in-progress build; never for results)
# Environment: CORPUS (default ../shared/corpus/akf/_posts), OUTPUTS (default
#   "json graphml gexf dot"), KGRAPH_ARGS (extra build arguments), SEED (1), PYTHON, OUT_DIR
#   (where outputs are written; default a temporary folder under /tmp),
#   RUNS_1X (10), RUNS_10X (5), RUNS_100X (3), RUNS_STARTUP (50), SCALES ("10 100").
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "bench/run.sh: $*" >&2; exit 2; }
note() { echo "note: $*" | tee -a "$NOTES" >&2; }

SMOKE=0
STAGES=0
LOADS=0
ALLOW_FAILURE=0
for arg in "$@"; do
  case $arg in
    --smoke) SMOKE=1 ;;
    --stages) STAGES=1 ;;
    --loads) LOADS=1 ;;
    --allow-failure) ALLOW_FAILURE=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done

CORPUS=${CORPUS:-../shared/corpus/akf/_posts}
TARGET=${CARGO_TARGET_DIR:-target}
CORPORA=$TARGET/bench-corpus
OUTPUTS=${OUTPUTS:-json graphml gexf dot}
read -r -a EXTRA_ARGS <<<"${KGRAPH_ARGS:-}"
SEED=${SEED:-1}
PYTHON=${PYTHON:-python3}
RUNS_1X=${RUNS_1X:-10}
RUNS_10X=${RUNS_10X:-5}
RUNS_100X=${RUNS_100X:-3}
RUNS_STARTUP=${RUNS_STARTUP:-50}
SCALES=${SCALES:-10 100}

WORK=$(mktemp -d)
# Outputs go under OUT_DIR when set (e.g. /dev/shm, to time kgraph without the disk).
OUT=$(mktemp -d "${OUT_DIR:-$WORK}/kgraph-bench.XXXXXX")
trap 'rm -rf "$WORK" "$OUT"' EXIT

if [ "$SMOKE" = 1 ]; then
  RESULTS=$WORK/results
else
  RESULTS=$TARGET/bench-results/$(date +%Y-%m-%d-%H%M%S)
fi
mkdir -p "$RESULTS"
NOTES=$RESULTS/notes.txt
: >"$NOTES"

echo "== cargo build --release (kgraph, gen_corpus)"
# Two builds: building an example turns on dev-dependency features, and the kgraph measured
# must be the one `cargo build --release` gives users.
cargo build --release --quiet --bin kgraph
cargo build --release --quiet --example gen_corpus
KGRAPH=$TARGET/release/kgraph
GEN=$TARGET/release/examples/gen_corpus

abs() { (cd "$1" && pwd -P); }

# gen SCALE SOURCE DEST: writes the corpus unless DEST holds a finished one with the same
# settings, written by the same version of the generator.
gen() {
  local scale=$1 source dest=$3 marker version
  source=$(abs "$2")
  marker=$dest/.gen_corpus
  version=$("$GEN" --version | awk '{print $2}')
  if [ -f "$marker" ] && grep -qx "generator=$version" "$marker" &&
    grep -qx "source=$source" "$marker" &&
    grep -qx "scale=$scale" "$marker" && grep -qx "seed=$SEED" "$marker"; then
    echo "reusing $dest ($(grep '^files=' "$marker"), $(grep '^bytes=' "$marker"))"
    return
  fi
  rm -rf "$dest"
  "$GEN" --source "$source" --scale "$scale" --out "$dest" --seed "$SEED"
}

first_post() {
  find "$1" -type f \( -name '*.md' -o -name '*.markdown' \) | LC_ALL=C sort | awk 'NR == 1'
}

# --- what this build of kgraph supports -------------------------------------------------
if [ "$SMOKE" = 1 ]; then
  if [ -n "$(first_post data 2>/dev/null)" ]; then SOURCE=data; else SOURCE=$CORPUS; fi
else
  SOURCE=$CORPUS
fi
[ -d "$SOURCE" ] || die "corpus not found: $SOURCE (set CORPUS)"
ONE_POST=$(first_post "$SOURCE")
[ -n "$ONE_POST" ] || die "no Markdown posts in $SOURCE"

HELP=$("$KGRAPH" build --help)
TIMINGS=()
grep -q -- '--timings' <<<"$HELP" && TIMINGS=(--timings)
NO_KEYWORDS=()
if grep -q -- '--no-keywords' <<<"$HELP"; then
  NO_KEYWORDS=(--no-keywords)
else
  note "this kgraph has no --no-keywords flag: startup is measured without it"
fi
grep -qE -- '--(no-)?keywords' <<<"$HELP" ||
  note "this kgraph has no keyword option: runs are without a keyword stage"
# Every run but the cached rebuilds reads every post, as a first build does.
NO_CACHE=()
if grep -q -- '--no-cache' <<<"$HELP"; then
  NO_CACHE=(--no-cache)
else
  note "this kgraph has no cache: cached rebuilds are not measured"
fi

# A format is measured when kgraph writes it for one post; the rest are skipped, and said so.
FORMATS=()
IGNORE_FAILURE=()
for f in $OUTPUTS; do
  rc=0
  "$KGRAPH" build "$ONE_POST" "${EXTRA_ARGS[@]}" --quiet -o "$WORK/probe.$f" 2>"$WORK/probe.err" || rc=$?
  if [ "$rc" -le 1 ] && [ -s "$WORK/probe.$f" ]; then
    FORMATS+=("$f")
  elif grep -q 'cannot tell the format' "$WORK/probe.err"; then
    note "output .$f is not supported by this kgraph: skipped"
  elif [ "$ALLOW_FAILURE" = 1 ]; then
    note "output .$f fails ($(tail -n 1 "$WORK/probe.err")): kept because of --allow-failure"
    FORMATS+=("$f")
    IGNORE_FAILURE=(--ignore-failure)
  else
    note "output .$f fails ($(tail -n 1 "$WORK/probe.err")): skipped"
  fi
done
[ ${#FORMATS[@]} -gt 0 ] || die "kgraph writes none of: $OUTPUTS (see notes above; --allow-failure to time it anyway)"
echo "outputs measured: ${FORMATS[*]}"

# On tmpfs, outputs replaced by the next run would briefly count twice against memory (10 GB
# at 100×): hyperfine then removes them before each run.
PREPARE=()
[ -n "${OUT_DIR:-}" ] && PREPARE=(--prepare "rm -rf $(printf '%q' "$OUT")/out-*")

# kgraph_args INPUT OUTDIR [extra…]: the argument list of one kgraph run, into the array ARGS.
kgraph_args() {
  local input=$1 out=$2
  shift 2
  mkdir -p "$out"
  ARGS=(build "$input" "${EXTRA_ARGS[@]}" "${NO_CACHE[@]}" "$@" --quiet)
  for f in "${FORMATS[@]}"; do ARGS+=(-o "$out/graph.$f"); done
}

# checked_run LABEL INPUT: one kgraph run under /usr/bin/time -v; records the input size, wall
# time, peak RSS and exit code in runs.tsv. Exit 1 (posts with errors, outputs written) is
# accepted and noted.
checked_run() {
  local label=$1 input=$2 rc=0
  kgraph_args "$input" "$OUT/out-$label"
  /usr/bin/time -v -o "$WORK/time-$label" "$KGRAPH" "${ARGS[@]}" "${TIMINGS[@]}" 2>"$WORK/err-$label" || rc=$?
  # The stage split of this run (kgraph --timings), for the summary.
  sed -n '/^kgraph: timings/,$p' "$WORK/err-$label" >"$RESULTS/timings-$label.txt"
  local rss wall posts bytes
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$label")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time-$label")
  read -r posts bytes < <(find "$input" -type f \( -name '*.md' -o -name '*.markdown' \) -printf '%s\n' |
    awk '{n++; b+=$1} END {print n+0, b+0}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$posts" "$bytes" "$rss" "$wall" "$rc" >>"$RESULTS/runs.tsv"
  echo "$label: exit $rc, wall $wall, peak RSS $((rss / 1024)) MB"
  if [ "$rc" -eq 1 ]; then
    note "kgraph exits 1 on $label (it reported posts with errors; outputs were written)"
  elif [ "$rc" -ne 0 ] && [ "$ALLOW_FAILURE" = 0 ]; then
    tail -n 5 "$WORK/err-$label" >&2
    die "kgraph failed on $label (exit $rc)"
  fi
  for f in "${FORMATS[@]}"; do
    if [ ! -s "$OUT/out-$label/graph.$f" ] && [ "$ALLOW_FAILURE" = 0 ]; then
      die "$label: graph.$f was not written"
    fi
  done
  LAST_RC=$rc
}

printf 'run\tposts\tbytes\tmax_rss_kb\twall\texit\n' >"$RESULTS/runs.tsv"

# --- smoke: what CI runs ------------------------------------------------------------------
if [ "$SMOKE" = 1 ]; then
  echo "== smoke: 2x corpus from $SOURCE"
  gen 2 "$SOURCE" "$WORK/x2"
  n_src=$(find "$SOURCE" -type f \( -name '*.md' -o -name '*.markdown' \) | wc -l)
  n_gen=$(find "$WORK/x2" -type f \( -name '*.md' -o -name '*.markdown' \) | wc -l)
  [ "$n_gen" -eq $((2 * n_src)) ] || die "expected $((2 * n_src)) generated posts, found $n_gen"
  urls() { grep -rhoE 'https?://[^] )>"<`[]+' "$1" | LC_ALL=C sort -u | wc -l; }
  u_src=$(urls "$SOURCE")
  u_gen=$(urls "$WORK/x2")
  echo "distinct URLs: $u_src in $SOURCE, $u_gen in the 2x corpus"
  [ "$u_gen" -eq $((2 * u_src)) ] || die "expected $((2 * u_src)) distinct URLs"
  checked_run smoke-x2 "$WORK/x2"
  cat "$WORK/err-smoke-x2" >&2
  if [ "$LAST_RC" -gt 1 ]; then
    echo "smoke: kgraph failed (exit $LAST_RC), ignored because of --allow-failure"
  else
    echo "smoke: ok"
  fi
  exit 0
fi

# --- full run -------------------------------------------------------------------------------
command -v hyperfine >/dev/null || die "hyperfine not found (apt-get install -y hyperfine)"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install -y time)"
BASELINE=1
if ! "$PYTHON" -c 'import networkx' 2>/dev/null; then
  note "$PYTHON cannot import networkx (pip install -r bench/requirements.txt): baseline skipped"
  BASELINE=0
fi

q() { printf '%q' "$1"; }
cmd_of() { # the ARGS array as one shell command line for hyperfine
  local s
  s=$(q "$KGRAPH")
  for a in "${ARGS[@]}"; do s+=" $(q "$a")"; done
  echo "$s"
}

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) CPUs, $(lscpu | awk -F': *' '
      /^Model name/ && !m++ {name = $2} /^CPU family/ {fam = $2} /^Model:/ {mod = $2}
      /^Hypervisor vendor/ {hv = ", " $2 " guest"}
      END {printf "%s (family %s, model %s)%s", name, fam, mod, hv}'), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "kgraph: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)'), $(rustc --version)"
  echo "tools: $(hyperfine --version), $("$PYTHON" -c 'import sys, networkx; print(f"Python {sys.version.split()[0]}, networkx {networkx.__version__}")' 2>/dev/null || echo 'no networkx')"
  echo "outputs: ${FORMATS[*]}, written under ${OUT_DIR:-$(dirname "$WORK")} ($(df --output=fstype "$OUT" | tail -n 1)); extra args: ${EXTRA_ARGS[*]:-none}"
} >"$RESULTS/machine.txt"
cat "$RESULTS/machine.txt"

echo "== 1x: $SOURCE"
checked_run x1 "$SOURCE"
kgraph_args "$SOURCE" "$OUT/out-x1"
cmds=(-n "kgraph 1x" "$(cmd_of)")
if [ "$BASELINE" = 1 ]; then
  cmds+=(-n "networkx baseline 1x" "$(q "$PYTHON") bench/baseline_networkx.py $(q "$SOURCE") -o $(q "$OUT/out-baseline")")
fi
if command -v rg >/dev/null; then
  cmds+=(-n "rg scan 1x (floor)" "rg --count --no-messages . $(q "$SOURCE")")
else
  note "rg not found (apt-get install -y ripgrep): no floor beside the 1x run"
fi
hyperfine --warmup 1 --runs "$RUNS_1X" "${IGNORE_FAILURE[@]}" "${PREPARE[@]}" \
  --export-markdown "$RESULTS/x1.md" --export-json "$RESULTS/x1.json" "${cmds[@]}"

for scale in $SCALES; do
  echo "== ${scale}x"
  gen "$scale" "$SOURCE" "$CORPORA/x$scale"
  checked_run "x$scale" "$CORPORA/x$scale"
  [ "$scale" -ge 1000 ] && continue # once is all a machine's ceiling needs (and all it has time for)
  runs=$RUNS_10X
  [ "$scale" -ge 100 ] && runs=$RUNS_100X
  ignore=("${IGNORE_FAILURE[@]}")
  [ "$LAST_RC" -eq 1 ] && ignore=(--ignore-failure)
  kgraph_args "$CORPORA/x$scale" "$OUT/out-x$scale"
  hyperfine --warmup 1 --runs "$runs" "${ignore[@]}" "${PREPARE[@]}" \
    --export-markdown "$RESULTS/x$scale.md" --export-json "$RESULTS/x$scale.json" \
    -n "kgraph ${scale}x" "$(cmd_of)"
done

# cached_rebuild LABEL SOURCE RUNS: copies SOURCE (the corpora are never written to), warms a
# cache for the copy, then times the same build with --no-cache and with that cache, side by
# side, appending a heading to the copy's last post before each run.
cached_rebuild() {
  local label=$1 source=$2 runs=$3 copy=$WORK/edit-$1 cache=$WORK/cache-$1 edited uncached
  [ ${#NO_CACHE[@]} -gt 0 ] || return 0
  echo "== cached rebuild: $label"
  rm -rf "$copy" "$cache"
  cp -r "$source" "$copy"
  edited=$(first_post "$copy")
  kgraph_args "$copy" "$OUT/out-$label"
  uncached=$(cmd_of)
  local saved=("${NO_CACHE[@]}")
  NO_CACHE=(--cache-dir "$cache")
  kgraph_args "$copy" "$OUT/out-$label"
  NO_CACHE=("${saved[@]}")
  "$KGRAPH" "${ARGS[@]}" || [ $? -eq 1 ] # warms the cache
  local edit="printf '\\n## edited %s\\n' \"\$(date +%s%N)\" >>$(q "$edited")"
  if [ ${#PREPARE[@]} -gt 0 ]; then edit="${PREPARE[1]}; $edit"; fi
  hyperfine --warmup 1 --runs "$runs" "${IGNORE_FAILURE[@]}" --prepare "$edit" \
    --export-markdown "$RESULTS/$label.md" --export-json "$RESULTS/$label.json" \
    -n "kgraph $label, --no-cache, one post edited" "$uncached" \
    -n "kgraph $label, cached, one post edited" "$(cmd_of)"
  du -sk "$cache" | awk '{print "cache on disk: " $1 " KB"}' | tee -a "$RESULTS/$label.cache.txt"
}

cached_rebuild cached-x1 "$SOURCE" "$RUNS_1X"
for scale in $SCALES; do
  if [ "$scale" -le 10 ]; then cached_rebuild "cached-x$scale" "$CORPORA/x$scale" "$RUNS_10X"; fi
done

echo "== startup: one post (${NO_KEYWORDS[*]:-keywords not switchable})"
checked_run startup "$ONE_POST"
kgraph_args "$ONE_POST" "$OUT/out-startup" "${NO_KEYWORDS[@]}"
hyperfine -N --warmup 3 --runs "$RUNS_STARTUP" "${IGNORE_FAILURE[@]}" \
  --export-markdown "$RESULTS/startup.md" --export-json "$RESULTS/startup.json" \
  -n "kgraph startup, one post" "$(cmd_of)"

if [ "$LOADS" = 1 ]; then
  echo "== loading the 1x outputs: NetworkX and graphology"
  loads=$WORK/loads
  mkdir -p "$loads"
  ARGS=(build "$SOURCE" "${EXTRA_ARGS[@]}" --quiet)
  "$KGRAPH" "${ARGS[@]}" -o "$loads/graph.json" -o "$loads/graph.graphml" -o "$loads/graph.gexf" || [ $? -eq 1 ]
  "$KGRAPH" "${ARGS[@]}" --json-links -o "$loads/graph-with-links.json" || [ $? -eq 1 ]
  files=("$loads/graph.json" "$loads/graph-with-links.json" "$loads/graph.graphml" "$loads/graph.gexf")
  {
    "$PYTHON" bench/load_times.py "${files[@]}" || note "bench/load_times.py failed"
    echo
    if npm ci --prefix tests/conformance/js --no-audit --no-fund --loglevel=error >/dev/null; then
      node --max-old-space-size=8192 bench/load_times.mjs "${files[@]}"
    else
      note "npm ci in tests/conformance/js failed: no graphology load times"
    fi
  } >"$RESULTS/loads.md"
  cat "$RESULTS/loads.md"
fi

if [ "$STAGES" = 1 ]; then
  echo "== criterion stages (cargo bench --features bench-stages --bench stages)"
  touch "$RESULTS/stages.start"
  KGRAPH_BENCH_CORPUS=$(abs "$SOURCE") cargo bench --quiet --features bench-stages --bench stages ||
    note "cargo bench --features bench-stages --bench stages failed: no stage table"
fi

"$PYTHON" bench/summarize.py "$RESULTS" "$TARGET/criterion" >"$RESULTS/summary.md"
echo
cat "$RESULTS/summary.md"
echo
echo "results: $RESULTS"
