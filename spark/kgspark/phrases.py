"""Phrases and title boilerplate over the entities' token sequences (kgraph's
`keywords/phrase.rs` and `keywords/boilerplate.rs`).

Two neighbours `a b` (the second `joined` to the first) merge into one term wherever they meet
when the pair occurs at least 3 times with normalised PMI at least 0.5 over the corpus; two
passes. Then tokens only usable inside a phrase (`partial`) are dropped, and a key in at least
10 post titles and in half of them is dropped from titles. The counts are Spark reductions;
each entity's tokens are merged left to right where they are.
"""

import math
from operator import add

MIN_PHRASE_COUNT = 3
MIN_NPMI = 0.5
PASSES = 2
TITLE_MIN_POSTS = 10
TITLE_SHARE = 0.5

KEY, SURFACE, LISTED, JOINED, PARTIAL = range(5)


def npmi(pair: int, a: int, b: int, total: float) -> float:
    p_ab, p_a, p_b = pair / total, a / total, b / total
    denominator = -math.log(p_ab)
    if denominator <= 0.0:
        return 1.0
    return math.log(p_ab / (p_a * p_b)) / denominator


def _pairs(entity):
    tokens = entity[2]
    return [((tokens[i - 1][KEY], tokens[i][KEY]), 1) for i in range(1, len(tokens)) if tokens[i][JOINED]]


def find_phrases(entities) -> set:
    """The neighbour key pairs that qualify as phrases."""
    unigrams = entities.flatMap(lambda e: [(t[KEY], 1) for t in e[2]]).reduceByKey(add).cache()
    total = float(max(1, unigrams.values().sum()))
    pairs = entities.flatMap(_pairs).reduceByKey(add).filter(lambda p: p[1] >= MIN_PHRASE_COUNT)
    with_a = pairs.map(lambda p: (p[0][0], (p[0][1], p[1]))).join(unigrams)
    with_b = with_a.map(lambda r: (r[1][0][0], (r[0], r[1][0][1], r[1][1]))).join(unigrams)
    found = with_b.filter(lambda r: npmi(r[1][0][1], r[1][0][2], r[1][1], total) >= MIN_NPMI)
    phrases = set(found.map(lambda r: (r[1][0][0], r[0])).collect())
    unigrams.unpersist()
    return phrases


def join_words(a: str, b: str) -> str:
    """`ab` for Chinese, `a b` when both are ASCII."""
    return f"{a} {b}" if a.isascii() and b.isascii() else a + b


def merge_tokens(tokens, phrases, stop_words):
    """One pass of `phrases` over one entity's tokens, left to right."""
    merged = []
    for token in tokens:
        if merged and token[JOINED] and (merged[-1][KEY], token[KEY]) in phrases:
            last = merged[-1]
            key = join_words(last[KEY], token[KEY])
            merged[-1] = [key, join_words(last[SURFACE], token[SURFACE]), last[LISTED], last[JOINED],
                          key in stop_words]
            continue
        merged.append(token)
    return merged


def merge_phrases(entities, stop_words: set):
    """The entities with their phrases merged and partial tokens dropped."""
    sc = entities.context
    stops = sc.broadcast(frozenset(stop_words))
    for _ in range(PASSES):
        phrases = find_phrases(entities)
        if not phrases:
            break
        found = sc.broadcast(frozenset(phrases))
        entities = entities.map(lambda e, f=found: (e[0], e[1], merge_tokens(e[2], f.value, stops.value))).cache()
    return entities.map(lambda e: (e[0], e[1], [t for t in e[2] if not t[PARTIAL]]))


def drop_title_boilerplate(entities, post_count: int):
    """The entities without the keys most post titles repeat, in titles."""
    titles_with = (
        entities.filter(lambda e: e[1]).flatMap(lambda e: [(k, 1) for k in {t[KEY] for t in e[2]}])
        .reduceByKey(add)
        .filter(lambda kv: kv[1] >= TITLE_MIN_POSTS and kv[1] >= TITLE_SHARE * post_count)
    )
    template = frozenset(titles_with.keys().collect())
    if not template:
        return entities
    found = entities.context.broadcast(template)
    return entities.map(
        lambda e: (e[0], e[1], [t for t in e[2] if t[KEY] not in found.value]) if e[1] else e
    )
