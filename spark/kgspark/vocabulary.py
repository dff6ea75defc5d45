"""The keyword vocabulary `kgraph extract` cut the tokens with (its `vocabulary` table), as the
lookups kgraph's `keywords/vocabulary.rs` answers: listed terms, their spellings, stop words."""

from dataclasses import dataclass, field
from typing import Dict, Optional, Set

from pyspark.sql import DataFrame


@dataclass
class Vocabulary:
    """Listed terms (key -> spelling), canonical terms of the alias table (key -> spelling),
    aliases (key -> spelling), stop-word keys."""

    terms: Dict[str, str] = field(default_factory=dict)
    canonicals: Dict[str, str] = field(default_factory=dict)
    aliases: Dict[str, str] = field(default_factory=dict)
    stop_words: Set[str] = field(default_factory=set)

    @classmethod
    def from_table(cls, table: DataFrame) -> "Vocabulary":
        """The vocabulary of the rows of every part (each part holds the same rows)."""
        vocabulary = cls()
        roles = {"term": vocabulary.terms, "canonical": vocabulary.canonicals, "alias": vocabulary.aliases}
        for row in table.select("role", "key", "written").distinct().collect():
            if row["role"] == "stop_word":
                vocabulary.stop_words.add(row["key"])
            elif row["role"] in roles:
                roles[row["role"]][row["key"]] = row["written"]
        return vocabulary

    def is_listed(self, key: str) -> bool:
        return key in self.terms

    def label_of(self, key: str) -> Optional[str]:
        """The spelling the lists give a canonical key."""
        return self.canonicals.get(key, self.terms.get(key))

    def written(self, key: str) -> Optional[str]:
        """How the lists write any key: a listed term, a canonical term or an alias."""
        for table in (self.terms, self.canonicals, self.aliases):
            if key in table:
                return table[key]
        return None
