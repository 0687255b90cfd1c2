"""The word index picks the phrases worth scoring: the same ones, in the same
order, as adding up each phrase's word weights one by one in plain Python."""

import math
from collections import defaultdict

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.ledger import ItemType
from services.resolver import CatalogIndex
from services.word_index import SEED_CAP, STOPWORDS, WordIndex, _largest_first

WORDS = ["acme", "zinc", "red", "blue", "hex", "bolt", "bolts", "screw", "m4", "m5", "laptop", "dell"]
BOTH = (ItemType.ASSET, ItemType.STOCK)


def build(phrases: list[tuple[ItemType, str]]) -> WordIndex:
    index = WordIndex()
    for slot, (_, text) in enumerate(phrases):
        index.add(slot, text)
    index.seal([item_type for item_type, _ in phrases])
    return index


def one_by_one(index: WordIndex, phrases, query: str, types, limit: int) -> list[tuple[int, float]]:
    """The rule written plainly: a query word's readings by weight, heaviest
    first (the word as said, or its plural or singular, weighs as the rarest of
    them; a typo's reading by its own weight); a reading seeds candidates unless
    it is in more phrases than have been found so far (every reading of the
    heaviest word seeds while it is rare), else it only adds weight to those;
    the best `limit`, ties in the order found."""
    postings = defaultdict(list)
    for slot, (_, text) in enumerate(phrases):
        for word in set(text.split()):
            postings[word].append(slot)
    idf = {word: math.log(1 + len(phrases) / len(slots)) for word, slots in postings.items()}
    typical = sorted(idf.values())[len(idf) // 2]
    tokens = set(query.split()) - STOPWORDS or set(query.split())
    matched, total = [], 0.0
    for token in tokens:
        similar = index.similar_words(token)
        top = max((idf[word] for word, _ in similar), default=typical)
        total += top
        matched += [(top if sim == 1.0 else idf[word] * sim, word, token) for word, sim in similar]
    weights: dict[int, float] = {}
    matched.sort(reverse=True)
    heaviest = matched[0][2] if matched else None
    for weight, word, token in matched:
        seeds = not weights or len(postings[word]) <= len(weights)
        seeds = seeds or (token == heaviest and len(postings[word]) <= SEED_CAP)
        for slot in postings[word]:
            if seeds or slot in weights:
                weights[slot] = weights.get(slot, 0.0) + weight
    wanted = [slot for slot in weights if phrases[slot][0] in types]
    best = sorted(wanted, key=weights.__getitem__, reverse=True)[:limit]
    return [(slot, min(1.0, weights[slot] / total)) for slot in best]


phrase = st.tuples(
    st.sampled_from(list(ItemType)),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
)
query = st.lists(st.sampled_from(WORDS + ["acm", "scerw", "zync", "the", "xyzzy"]), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(phrase, min_size=1, max_size=40),
    st.lists(query.map(" ".join), min_size=1, max_size=5),
    st.sampled_from([BOTH, (ItemType.ASSET,), (ItemType.STOCK,)]),
    st.integers(min_value=1, max_value=8),
)
def test_candidates_are_those_of_adding_weights_one_by_one(phrases, queries, types, limit):
    index = build(phrases)
    for text in queries:  # several queries on one index: nothing of one is left for the next
        assert index.candidates(text, types, limit) == one_by_one(index, phrases, text, types, limit)


def test_the_phrase_with_the_rare_words_comes_first():
    phrases = [(ItemType.STOCK, f"{colour} hex bolt m4") for colour in ["red", "blue", "zinc"] * 20]
    phrases.append((ItemType.STOCK, "acme zinc hex bolt m5"))
    index = build(phrases)
    slot, coverage = index.candidates("acme bolt m5", BOTH, 5)[0]
    assert (slot, coverage) == (len(phrases) - 1, 1.0)


def test_a_mistyped_word_counts_as_the_catalog_word():
    index = build([(ItemType.STOCK, "acme screw"), (ItemType.STOCK, "zinc bolt")])
    assert [slot for slot, _ in index.candidates("acme scerw", BOTH, 5)] == [0]


def test_only_phrases_of_the_types_asked_for():
    index = build([(ItemType.ASSET, "dell laptop"), (ItemType.STOCK, "dell laptop bag")])
    assert [slot for slot, _ in index.candidates("dell laptop", (ItemType.STOCK,), 5)] == [1]


def test_largest_first_keeps_equal_values_in_their_order():
    values = np.array([1.0, 3.0, 3.0, 2.0, 3.0, 0.5])
    assert _largest_first(values, 2).tolist() == [1, 2]
    assert _largest_first(values, 4).tolist() == [1, 2, 4, 3]
    assert _largest_first(values, 10).tolist() == [1, 2, 4, 3, 0, 5]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([0.25, 1.0, 1.5, 2.0, 4.0]), min_size=1, max_size=300),
    st.integers(min_value=1, max_value=60),
)
def test_largest_first_is_a_stable_sort_cut_short(values, limit):
    expected = sorted(range(len(values)), key=values.__getitem__, reverse=True)[:limit]
    assert _largest_first(np.array(values), limit).tolist() == expected


def test_largest_first_among_many_low_values():
    values = np.full(10_000, 0.1)
    values[[7, 9_000, 42]] = [5.0, 4.0, 5.0]
    assert _largest_first(values, 4).tolist() == [7, 42, 9_000, 0]


def test_a_typed_brand_finds_its_line_among_thousands_sharing_its_other_words():
    stock = [
        (f"S-{n:05d}", f"{brand} {colour} hex bolt {size}", "", "", "bolt", "box=100")
        for n, (brand, colour, size) in enumerate(
            (brand, colour, size)
            for brand in ["Uline", "Wurth", "Fastenal", "Grainger"]
            for colour in ["black", "zinc", "steel", "red", "blue"]
            for size in ["M4", "M5", "M6", "M8", "M10", "10mm", "20mm", "50mm"]
        )
    ]
    index = CatalogIndex([], stock)
    found = index.resolve("Fastnal zinc hex bolt M8")
    assert [item.name for item in found.items] == ["Fastenal zinc hex bolt M8"]
