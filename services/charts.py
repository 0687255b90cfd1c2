"""Charts as PNG bytes (matplotlib, no display needed)."""

from __future__ import annotations

import io


def bar_chart(title: str, labels: list[str], series: dict[str, list[float]], ylabel: str) -> bytes:
    # A Figure of its own, not pyplot: pyplot's global state is not safe in the
    # worker threads. Imported here: matplotlib costs half a second at start-up.
    from matplotlib.figure import Figure

    figure = Figure(figsize=(max(6, 0.7 * len(labels) + 2), 4.5), dpi=100)
    axes = figure.subplots()
    width = 0.8 / max(len(series), 1)
    for n, (name, values) in enumerate(series.items()):
        axes.bar([i + n * width for i in range(len(labels))], values, width=width, label=name)
    axes.set_xticks(
        [i + width * (len(series) - 1) / 2 for i in range(len(labels))], labels, rotation=30, ha="right"
    )
    axes.set_title(title)
    axes.set_ylabel(ylabel)
    axes.legend()
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def register_chart(rows, by: str, at) -> bytes:
    groups = [r for r in rows if r.group != "(total)"]
    return bar_chart(
        f"Assets by {by}, {at.isoformat()}",
        [r.group for r in groups],
        {"cost": [float(r.cost) for r in groups], "book value": [float(r.book_value) for r in groups]},
        "amount",
    )


def stock_chart(rows, at) -> bytes:
    top = sorted(rows, key=lambda r: -(r.value or 0))[:20]
    return bar_chart(
        f"Stock value, {at.isoformat()}",
        [r.sku for r in top],
        {"value": [float(r.value or 0) for r in top]},
        "amount",
    )
