"""Every user-facing string has a Vietnamese translation, and the catalogues compile."""

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"


def _entries(po: Path):
    """Yield (msgid, msgstr, fuzzy) for each entry of a .po file (plural forms flattened).

    An entry with a context (``pgettext``) is keyed as the compiled catalogue keys it:
    ``context + "\\x04" + msgid``."""
    entry: dict = {"msgid": "", "msgctxt": None, "msgstr": [], "fuzzy": False, "field": None}

    def key(entry: dict) -> str:
        return f"{entry['msgctxt']}\x04{entry['msgid']}" if entry["msgctxt"] is not None else entry["msgid"]

    for raw in po.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry["msgid"]:
                yield key(entry), entry["msgstr"], entry["fuzzy"]
            entry = {"msgid": "", "msgctxt": None, "msgstr": [], "fuzzy": False, "field": None}
            continue
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            if entry["field"] == "msgstr":  # an entry not separated by a blank line
                if entry["msgid"]:
                    yield key(entry), entry["msgstr"], entry["fuzzy"]
                entry = {"msgid": "", "msgctxt": None, "msgstr": [], "fuzzy": False, "field": None}
            continue
        elif line.startswith("msgctxt "):
            entry["msgctxt"] = line[8:].strip('"')
            entry["field"] = "msgctxt"
        elif line.startswith("msgid_plural"):
            entry["field"] = "plural"
        elif line.startswith("msgid "):
            entry["msgid"] = line[6:].strip('"')
            entry["field"] = "msgid"
        elif line.startswith("msgstr"):
            entry["msgstr"].append(line.split(" ", 1)[1].strip('"'))
            entry["field"] = "msgstr"
        elif line.startswith('"'):
            if entry["field"] == "msgctxt":
                entry["msgctxt"] += line.strip('"')
            elif entry["field"] == "msgid":
                entry["msgid"] += line.strip('"')
            elif entry["field"] == "msgstr":
                entry["msgstr"][-1] += line.strip('"')


CATALOGUES = sorted(SRC.glob("*/locale/vi/LC_MESSAGES/django.po"))


def test_there_are_vietnamese_catalogues():
    assert CATALOGUES, "no Vietnamese catalogue found"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_vietnamese_catalogue_is_complete(po):
    missing = [msgid for msgid, msgstr, fuzzy in _entries(po) if fuzzy or not all(msgstr)]
    assert not missing, f"{po}: untranslated or fuzzy: {missing[:10]}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_matches_the_po_file(po):
    import gettext

    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run `make messages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for msgid, msgstr, _fuzzy in _entries(po):
        if len(msgstr) != 1 or "\\" in msgid or "\\" in msgstr[0]:
            continue  # plural and escaped entries: the completeness test covers them
        if compiled.gettext(msgid) != msgstr[0]:
            stale.append(msgid)
    assert not stale, f"{mo} is out of date (run `make messages`): {stale[:5]}"


def test_every_string_in_the_code_is_in_its_apps_catalogue(tmp_path):
    """A string marked for translation but missing from its app's catalogue is shown in
    English on a Vietnamese page, and the completeness test above cannot see it: extract
    every app's strings again (into a copy, as ``makemessages`` would) and compare."""
    import shutil
    import subprocess
    import sys

    from tests.tools import require_tool

    require_tool("xgettext", package="gettext")
    django_admin = Path(sys.executable).parent / "django-admin"
    missing: dict[str, list[str]] = {}
    for po in CATALOGUES:
        app = po.parents[3]
        copy = tmp_path / app.name
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        subprocess.run([str(django_admin), "makemessages", "-l", "vi", "--no-obsolete", "-v", "0"], cwd=copy, check=True,
                       capture_output=True)
        committed = {msgid for msgid, _s, _f in _entries(po)}
        extracted = {msgid for msgid, _s, _f in _entries(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po")}
        if extracted - committed:
            missing[app.name] = sorted(extracted - committed)[:10]
    assert missing == {}, f"strings not in their catalogue (run makemessages in the app and translate): {missing}"
