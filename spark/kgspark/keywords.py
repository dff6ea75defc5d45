"""The keyword layer of the merged graph (docs/EXTRACT.md, step 7): keyword nodes, `mentions`
edges (and `co_occurs` when asked), ranked as `kgraph build` ranks them.

Two passes over the corpus, as kgraph does: the texts and their tokens (`keyword_texts.py`),
phrases and title boilerplate (`phrases.py`), then folding, counts and selection
(`ranking.py`). The corpus language and the stems that fold inflections come from the kgraph
binary (`kgraph text`), which the extraction already ships to the cluster.
"""

from dataclasses import dataclass, field

from .inputs import Extracts
from .keyword_texts import corpus_language, entity_tokens, has_tokens, keyword_entities
from .phrases import drop_title_boilerplate, merge_phrases
from .pieces import Pieces, union
from .ranking import Limits, select_keywords
from .vocabulary import Vocabulary


@dataclass
class KeywordSettings:
    """`kgraph build`'s keyword options that apply after extraction, and the binary to ask."""

    kgraph: str = "kgraph"
    limits: Limits = field(default_factory=Limits)
    listed_only: bool = False


def keyword_pieces(extracts: Extracts, pieces: list, settings: KeywordSettings) -> Pieces:
    """The keyword nodes, edges and uses of the graph the other `pieces` make; none when the
    tables were extracted with `--no-keywords`."""
    if not has_tokens(extracts.keyword_tokens):
        return Pieces()
    spark = extracts.posts.sparkSession
    texts = union([p.texts for p in pieces])
    uses = union([p.uses for p in pieces])
    entities = keyword_entities(texts, uses, extracts.posts.count()).persist()
    language, mode = corpus_language(entities, settings.kgraph)
    vocabulary = Vocabulary.from_table(extracts.vocabulary)
    tokens = entity_tokens(entities, extracts.keyword_tokens, mode, settings.listed_only)
    tokens = merge_phrases(tokens, vocabulary.stop_words)
    tokens = drop_title_boilerplate(tokens, entities.where("is_post").count()).cache()
    return select_keywords(spark, tokens, entities.select("id", "posts"), vocabulary, settings.limits,
                           settings.kgraph, language)

