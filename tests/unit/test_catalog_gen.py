"""The benchmarks' generated catalog: the 1M-item run needs more stock lines
than four words can name, and the default size must stay as it was."""

from bench.catalog_gen import GRADES, generate


def test_more_stock_lines_than_four_words_can_name_are_all_distinct():
    _, stock = generate(0, 70_000)  # 64,800 four-word names exist
    assert len({name for _, name, *_ in stock}) == len({sku for sku, *_ in stock}) == 70_000


def test_the_default_catalog_never_draws_the_fifth_word():
    _, stock = generate(100_000, 20_000)
    assert not [name for _, name, *_ in stock if name.split()[-1] in GRADES]
