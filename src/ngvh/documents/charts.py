"""Charts for the Word report: matplotlib PNGs made from plain data (no database).

Bars carry their numbers and hatching, so they read on a black-and-white printout. Text
is set in Times New Roman, as the report around it; where that font is not installed
(Linux servers) matplotlib takes Liberation Serif, which has the same metrics.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

_HATCHES = ["", "//", "\\\\", "xx", "..", "--", "++"]

FONT = "Times New Roman"
# Times New Roman, else a font with its metrics, else any serif that has Vietnamese letters
_CANDIDATES = (FONT, "Liberation Serif", "Tinos", "DejaVu Serif")
_INSTALLED = {f.name for f in font_manager.fontManager.ttflist}
SERIF = [name for name in _CANDIDATES if name in _INSTALLED] or ["DejaVu Serif"]
RC = {"font.family": "serif", "font.serif": SERIF, "mathtext.fontset": "stix", "axes.unicode_minus": False}


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def hbar_png(*, title: str, labels: list[str], values: list[int], xlabel: str) -> bytes:
    with matplotlib.rc_context(RC):
        return _png(hbar_figure(title=title, labels=labels, values=values, xlabel=xlabel))


def vbar_png(*, title: str, labels: list[str], values: list[int], ylabel: str) -> bytes:
    with matplotlib.rc_context(RC):
        return _png(vbar_figure(title=title, labels=labels, values=values, ylabel=ylabel))


def hbar_figure(*, title: str, labels: list[str], values: list[int], xlabel: str) -> Figure:
    fig = Figure(figsize=(6.3, 0.45 * max(len(labels), 2) + 1.0))
    fig.set_layout_engine("tight")
    ax = fig.subplots()
    positions = list(range(len(labels)))
    bars = ax.barh(positions, values, color="0.55", edgecolor="black")
    for i, bar in enumerate(bars):
        bar.set_hatch(_HATCHES[i % len(_HATCHES)])
    ax.set_yticks(positions, labels=labels, fontsize=9, fontfamily=SERIF)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel, fontsize=9, fontfamily=SERIF)
    ax.set_title(title, fontsize=11, fontfamily=SERIF, fontweight="bold")
    ax.bar_label(bars, labels=[str(v) for v in values], padding=3, fontsize=9)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def vbar_figure(*, title: str, labels: list[str], values: list[int], ylabel: str) -> Figure:
    fig = Figure(figsize=(6.3, 2.8))
    fig.set_layout_engine("tight")
    ax = fig.subplots()
    bars = ax.bar(labels, values, color="0.6", edgecolor="black", hatch="//")
    ax.set_ylabel(ylabel, fontsize=9, fontfamily=SERIF)
    ax.set_title(title, fontsize=11, fontfamily=SERIF, fontweight="bold")
    ax.bar_label(bars, labels=[str(v) for v in values], padding=2, fontsize=8)
    ax.set_ylim(0, max(values + [1]) * 1.2)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
