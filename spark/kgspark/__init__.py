"""kgraph past one machine: its graph metrics on Apache Spark, equal to `kgraph build`'s.

The stages, each a module with one job, run in this order (see `kgraph_spark.py`):
inputs (read a kgraph graph into node and edge DataFrames) -> merge (one graph out of the
inputs) -> metrics (degrees, PageRank, weakly connected components) -> write (Parquet).
Every stage works on DataFrames only: executors run no Python code.
"""
