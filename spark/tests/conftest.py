"""Fixtures of the Spark stage's tests: the kgraph binary, a Spark session, corpora."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPARK_DIR = REPO / "spark"
sys.path.insert(0, str(SPARK_DIR))


def kgraph_binary() -> Path:
    """kgraph as built by `cargo build --release`, or $KGRAPH_BIN."""
    path = Path(os.environ.get("KGRAPH_BIN", REPO / "target" / "release" / "kgraph"))
    if not path.is_file():
        pytest.fail(f"no kgraph binary at {path}: run `cargo build --release` or set KGRAPH_BIN")
    return path


def build_json(corpus: Path, out: Path) -> Path:
    """The node-link JSON `kgraph build` writes for `corpus`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(kgraph_binary()), "build", str(corpus), "-o", str(out), "--no-cache", "--quiet"],
        check=True,
    )
    return out


@pytest.fixture(scope="session")
def spark():
    from kgspark import session

    spark = session.start(os.environ.get("KGRAPH_SPARK_MASTER", "local[2]"), None, None)
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()
