"""System tools some tests need (Chromium, LibreOffice, poppler).

Outside CI a missing tool skips the test with the reason and the command that installs it;
in CI (``CI`` set, as `.ci/run` does) it fails, so a green CI run never hides a test that
did not run.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"


def require_tool(name: str, *candidates: str, package: str) -> str:
    for candidate in (name, *candidates):
        path = candidate if os.path.isabs(candidate) and Path(candidate).exists() else shutil.which(candidate)
        if path:
            return path
    message = f"{name} is missing: `make test` installs the Debian package {package} when run as root"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run every test)")
    pytest.skip(f"waits for {name}: {message}")


@dataclass(frozen=True)
class PdfLine:
    text: str
    x: float  # left edge of the line's first run, in points from the page's left
    y: float  # baseline, in points from the page's bottom


def pdf_lines(page) -> list[PdfLine]:
    """The page's text as lines ordered top to bottom, each line's runs ordered left to right.

    Text extraction follows the order in which runs were drawn; when a font lacks a glyph the
    renderer draws it later from a fallback font and the extracted string comes apart. Placing
    every run by its own position and reading them in page order does not depend on that
    order, and NFC folds the decomposed forms some fonts emit.
    """
    runs: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text and text.strip():
            # the run's position is the text matrix mapped through the current matrix
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((round(y, 0), x, text))

    page.extract_text(visitor_text=visit)
    lines: dict[float, list[tuple[float, str]]] = {}
    for y, x, text in runs:
        key = next((k for k in lines if abs(k - y) <= 2), y)
        lines.setdefault(key, []).append((x, text))
    result = []
    for y in sorted(lines, reverse=True):
        parts = sorted(lines[y])
        text = unicodedata.normalize("NFC", "".join(t for _, t in parts))
        result.append(PdfLine(text=" ".join(text.split()), x=parts[0][0], y=y))
    return [line for line in result if line.text]


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 now (the server started on it binds soon after)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    bucket: str

    @property
    def environ(self) -> dict[str, str]:
        """The variables a deployment sets (config/settings.py ``s3_storage``)."""
        return {
            "NGVH_S3_BUCKET": self.bucket,
            "NGVH_S3_ENDPOINT_URL": self.endpoint_url,
            "NGVH_S3_ACCESS_KEY_ID": "test-key",
            "NGVH_S3_SECRET_ACCESS_KEY": "test-secret",
            "NGVH_S3_REGION": "us-east-1",
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3", endpoint_url=self.endpoint_url, aws_access_key_id="test-key",
            aws_secret_access_key="test-secret", region_name="us-east-1",
        )

    def keys(self) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))
