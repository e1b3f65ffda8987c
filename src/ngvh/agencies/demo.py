"""The demo applies the bundled Hải Phòng 2025 restructuring (``hai-phong-2025``).

Only its verified event is applied: Sở Văn hóa và Thể thao and Sở Du lịch merged into
Sở Văn hóa, Thể thao và Du lịch from 01/03/2025. It runs before the other demo loaders,
so the demo's 2026 tasks, activities and reports belong to the merged agency while
2023–2024 keep the old ones. The restructuring is the city's real decision, not an
illustration, so its rows carry no demo mark and the system actor records it; applying it
twice changes nothing.
"""

from __future__ import annotations

from importlib.resources import files

BUNDLED_RESTRUCTURING = "hai-phong-2025.json"


def load(*, plan, stdout=None) -> list:
    from django.utils.text import slugify

    from ngvh.accounts.system import system_actor
    from ngvh.core.text import ascii_key, nfc

    from .restructuring_file import parse_restructuring_file
    from .services import restructuring_file_apply

    parsed = parse_restructuring_file(files("ngvh.agencies").joinpath("data", BUNDLED_RESTRUCTURING).read_bytes())
    if plan.province.code != slugify(ascii_key(nfc(parsed.province))):
        return []  # another province's plan: the Hải Phòng decisions do not apply
    result = restructuring_file_apply(user=system_actor(), parsed=parsed, source=BUNDLED_RESTRUCTURING)
    if stdout is not None:
        for event in result.applied:
            stdout.write(
                "Sắp xếp tổ chức / restructuring: "
                + ", ".join(a.name for a in event.predecessors.all())
                + " → "
                + ", ".join(a.name for a in event.successors.all())
                + f" ({event.effective_date:%d/%m/%Y})\n"
            )
    return result.applied
