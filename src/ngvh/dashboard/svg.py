"""Server-rendered SVG bar charts from plain data (no database, no JavaScript).

Accessible by construction: ``role="img"`` with a <title> and <desc>, axis labels, each
bar labelled with its category and its number, and a hatch pattern per series so the
chart reads without colour (printouts, colour-blind readers). The numbers are also shown
as a table next to every chart by the templates.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

PATTERNS = ["solid", "diag", "dots", "cross", "horiz", "vert"]
_DEFS = """<defs>
<pattern id="{p}-diag" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1d4f91" stroke-width="3"/></pattern>
<pattern id="{p}-dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#dbe7f5"/><circle cx="3" cy="3" r="1.6" fill="#0b2e59"/></pattern>
<pattern id="{p}-cross" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#5a3d00" stroke-width="1.2"/></pattern>
<pattern id="{p}-horiz" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="3" x2="6" y2="3" stroke="#7a1f1f" stroke-width="2"/></pattern>
<pattern id="{p}-vert" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fff"/><line x1="3" y1="0" x2="3" y2="6" stroke="#2f5d2f" stroke-width="2"/></pattern>
</defs>"""


def _fill(prefix: str, pattern: str) -> str:
    return "#1d4f91" if pattern == "solid" else f"url(#{prefix}-{pattern})"


def _fmt(value: int) -> str:
    return f"{int(value):,}".replace(",", ".")


def hbar(*, chart_id: str, title: str, labels: list[str], values: list[int], axis_label: str,
         patterns: list[str] | None = None, width: int = 640) -> SafeString:
    """Horizontal bars: long Vietnamese category names fit on the left."""
    bar_h, gap, label_w, top, bottom = 22, 8, 230, 10, 40
    height = top + len(labels) * (bar_h + gap) + bottom
    plot_w = width - label_w - 60
    peak = max(values + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="bar-chart" font-family="inherit" font-size="13">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape("; ".join(f"{lab}: {_fmt(v)}" for lab, v in zip(labels, values, strict=True)))}</desc>',
        _DEFS.format(p=chart_id),
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar_h + gap)
        w = 0 if not value else max(2, round(plot_w * value / peak))
        pattern = (patterns or PATTERNS)[i % len(patterns or PATTERNS)]
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h * 0.7:.0f}" text-anchor="end" fill="#1b1b1b">{escape(short)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="{_fill(chart_id, pattern)}" stroke="#1b1b1b" stroke-width="1"><title>{escape(label)}: {_fmt(value)}</title></rect>'
        )
        parts.append(f'<text x="{label_w + w + 6}" y="{y + bar_h * 0.7:.0f}" fill="#1b1b1b" font-weight="bold">{_fmt(value)}</text>')
    axis_y = top + len(labels) * (bar_h + gap)
    parts.append(f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{axis_y}" stroke="#1b1b1b"/>')
    parts.append(f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + plot_w}" y2="{axis_y}" stroke="#1b1b1b"/>')
    parts.append(f'<text x="{label_w + plot_w / 2:.0f}" y="{axis_y + 28}" text-anchor="middle" fill="#1b1b1b">{escape(axis_label)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def vbar(*, chart_id: str, title: str, labels: list[str], values: list[int], axis_label: str, x_label: str,
         width: int = 640, height: int = 260) -> SafeString:
    """Vertical bars for a short ordered axis (the twelve months)."""
    left, right, top, bottom = 50, 10, 20, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(values + [1])
    step = plot_w / max(len(labels), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" class="bar-chart" font-family="inherit" font-size="12">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape("; ".join(f"{lab}: {_fmt(v)}" for lab, v in zip(labels, values, strict=True)))}</desc>',
        _DEFS.format(p=chart_id),
    ]
    base = top + plot_h
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = 0 if not value else max(2, round(plot_h * value / peak))
        x = left + i * step + step * 0.15
        w = step * 0.7
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h}" width="{w:.1f}" height="{h}" fill="url(#{chart_id}-diag)" stroke="#1b1b1b"><title>{escape(label)}: {_fmt(value)}</title></rect>'
        )
        parts.append(f'<text x="{x + w / 2:.1f}" y="{base - h - 4}" text-anchor="middle" font-weight="bold">{_fmt(value)}</text>')
        parts.append(f'<text x="{x + w / 2:.1f}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#1b1b1b"/>')
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#1b1b1b"/>')
    parts.append(f'<text x="{left + plot_w / 2:.0f}" y="{height - 8}" text-anchor="middle">{escape(x_label)}</text>')
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.0f}" text-anchor="middle" transform="rotate(-90 14 {top + plot_h / 2:.0f})">{escape(axis_label)}</text>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308
