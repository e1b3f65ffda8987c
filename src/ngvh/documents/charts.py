"""Charts for the Word report: matplotlib PNGs made from plain data (no database).

Bars carry their numbers and hatching, so they read on a black-and-white printout.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

_HATCHES = ["", "//", "\\\\", "xx", "..", "--", "++"]


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def hbar_png(*, title: str, labels: list[str], values: list[int], xlabel: str) -> bytes:
    fig = Figure(figsize=(6.3, 0.45 * max(len(labels), 2) + 1.0))
    fig.set_layout_engine("tight")
    ax = fig.subplots()
    positions = list(range(len(labels)))
    bars = ax.barh(positions, values, color="0.55", edgecolor="black")
    for i, bar in enumerate(bars):
        bar.set_hatch(_HATCHES[i % len(_HATCHES)])
    ax.set_yticks(positions, labels=labels, fontsize=9, fontfamily="serif")
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontsize=9, fontfamily="serif")
    ax.set_title(title, fontsize=11, fontfamily="serif", fontweight="bold")
    ax.bar_label(bars, labels=[str(v) for v in values], padding=3, fontsize=9)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def vbar_png(*, title: str, labels: list[str], values: list[int], ylabel: str) -> bytes:
    fig = Figure(figsize=(6.3, 2.8))
    fig.set_layout_engine("tight")
    ax = fig.subplots()
    bars = ax.bar(labels, values, color="0.6", edgecolor="black", hatch="//")
    ax.set_ylabel(ylabel, fontsize=9, fontfamily="serif")
    ax.set_title(title, fontsize=11, fontfamily="serif", fontweight="bold")
    ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=8)
    ax.set_ylim(0, max(values + [1]) * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)
