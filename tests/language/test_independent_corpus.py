"""The independent phrasings (tests/language/independent) stay well formed:
they are judged by `python -m bench.independent_language`, whose figures are in
bench/RESULTS.md; here only that the set is what it claims to be."""

import csv
import re
from collections import Counter

from bench.independent_language import HERE, load_cases, managers


def catalog_keys() -> set[str]:
    keys = set()
    for name, column in (("assets.csv", "asset_tag"), ("stock.csv", "sku")):
        with open(HERE / "catalog" / name, newline="") as handle:
            keys |= {row[column] for row in csv.DictReader(handle)}
    return keys


def test_at_least_600_lines_from_ten_workplaces_with_a_held_out_third():
    cases = load_cases()
    assert len(cases) >= 600
    assert len({c.place for c in cases}) >= 10
    splits = Counter(c.split for c in cases)
    assert 0.25 < splits["test"] / len(cases) < 0.42  # a hash decides, so about a third
    assert managers() == ["grace", "kim", "maya"]


def test_every_expected_item_is_in_the_catalog():
    keys = catalog_keys()
    named = {k for c in load_cases() for k in re.findall(r"\b(?:A|F|CAM|SKU)-[\w.\-]+", c.expected)}
    assert named - keys == set()
