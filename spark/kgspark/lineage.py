"""Keeping the plans of iterative algorithms short.

Each step of PageRank or of the component search is a DataFrame built on the previous one, so
its plan grows with every step. Each step's result is cached (the step's action computes it
once), and every `every` steps it is checkpointed locally, which cuts the plan off: the
executors keep the rows, the plan starts again from them.
"""

from pyspark import StorageLevel
from pyspark.sql import DataFrame


class Steps:
    """The results of an iteration's steps, cached and checkpointed as they come."""

    def __init__(self, every: int):
        if every < 1:
            raise ValueError("checkpoint interval must be at least 1")
        self.every = every
        self.count = 0
        self._held: list = []

    def keep(self, df: DataFrame) -> DataFrame:
        """`df`, the result of the next step, held so the following steps can build on it."""
        self.count += 1
        if self.count % self.every == 0:
            df = df.localCheckpoint(eager=True)
        else:
            df = df.persist(StorageLevel.MEMORY_AND_DISK)
        self._held.append(df)
        return df

    def release_older(self) -> None:
        """Frees every result but the last (call once the last one has been computed)."""
        for df in self._held[:-1]:
            df.unpersist()
        self._held = self._held[-1:]

    def release(self) -> None:
        """Frees every result kept."""
        for df in self._held:
            df.unpersist()
        self._held = []
