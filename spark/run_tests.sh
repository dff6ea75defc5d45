#!/usr/bin/env bash
# Runs the Spark stage's tests (spark/tests/): its output against `kgraph build`'s on data/ and,
# when present, ../shared/corpus/akf/_posts, and once on a local-cluster master.
# Installs what they need: Java 17 (Debian's openjdk-17-jre-headless) when no java is on the
# PATH, a virtual environment at $CARGO_TARGET_DIR/spark-venv (default target/) with
# spark/requirements.txt, and kgraph itself (cargo build --release).
# Usage: spark/run_tests.sh [pytest arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-target}
VENV=$TARGET/spark-venv

if ! command -v java >/dev/null; then
  echo "== apt-get install openjdk-17-jre-headless"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
java_major=$(java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }')
if [ "${java_major:-0}" -lt 17 ]; then
  echo "spark/run_tests.sh: Spark 4 needs Java 17 or later; java on the PATH is ${java_major:-unknown}" >&2
  exit 2
fi

echo "== Python environment for Spark ($VENV)"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -r spark/requirements.txt

echo "== cargo build --release (kgraph)"
cargo build --release --quiet --bin kgraph
export KGRAPH_BIN=$(cd "$TARGET/release" && pwd)/kgraph

# Spark picks the machine's first address otherwise, which may not be reachable from itself.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
echo "== pytest spark/tests"
"$VENV/bin/python" -m pytest spark/tests -q -p no:cacheprovider "$@"
