#!/usr/bin/env python3
"""Push activities from a spreadsheet into NGVH through its API.

Usage:
    NGVH_TOKEN=<key> python3 push_activities.py https://ngvh.example.gov.vn activities.xlsx --plan 1

The first row of the sheet names the columns, with the API's field names:
    title, kind, status, start_date, end_date, task_codes, place_name, place_country,
    country_codes, participants_total, participants_foreign, budget_state, budget_private,
    budget_foreign, media_count, outcome
``task_codes`` and ``country_codes`` take several values separated by ``;`` (``I.1; II.3``,
``JP; KR``); dates are ``dd/mm/yyyy`` or real date cells. Each row is sent on its own; the
script prints one line per row and exits 1 if any row was refused, with the API's message.
Only the standard library and openpyxl are needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import urllib.error
import urllib.request

from openpyxl import load_workbook

LISTS = ("task_codes", "country_codes")
NUMBERS = ("participants_total", "participants_foreign", "budget_state", "budget_private", "budget_foreign", "media_count")


def call(base: str, token: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base.rstrip("/") + path, data=data, method=method, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json",
        "Accept-Language": os.environ.get("NGVH_LANGUAGE", "vi"),
    })
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def task_ids_by_code(base: str, token: str, plan: int) -> dict[str, int]:
    codes, page = {}, f"/api/plans/{plan}/tasks/?page_size=200"
    while page:
        status, data = call(base, token, "GET", page)
        if status != 200:
            raise SystemExit(f"Cannot read the plan's tasks: {data.get('detail') or data.get('title')}")
        codes.update({t["code"]: t["id"] for t in data["results"]})
        page = data["next"] and data["next"][data["next"].index("/api/"):]
    return codes


def cell_date(value) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    day, month, year = str(value).strip().split("/")
    return dt.date(int(year), int(month), int(day)).isoformat()


def row_body(row: dict, *, plan: int, tasks: dict[str, int]) -> dict:
    body = {"plan_id": plan}
    for key, value in row.items():
        if value in (None, ""):
            continue
        if key in LISTS:
            items = [v.strip() for v in str(value).split(";") if v.strip()]
            if key == "task_codes":
                unknown = [c for c in items if c not in tasks]
                if unknown:
                    raise ValueError(f"unknown task codes {', '.join(unknown)}")
                body["task_ids"] = [tasks[c] for c in items]
            else:
                body[key] = items
        elif key in ("start_date", "end_date"):
            body[key] = cell_date(value)
        elif key in NUMBERS:
            body[key] = int(value)
        else:
            body[key] = str(value).strip()
    return body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("spreadsheet")
    parser.add_argument("--plan", type=int, required=True)
    args = parser.parse_args(argv)
    token = os.environ.get("NGVH_TOKEN")
    if not token:
        print("Set NGVH_TOKEN to an API token (your account's API tokens page).", file=sys.stderr)
        return 2
    tasks = task_ids_by_code(args.base_url, token, args.plan)
    sheet = load_workbook(args.spreadsheet, read_only=True, data_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() for h in next(rows)]
    refused = 0
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        try:
            body = row_body(dict(zip(header, values, strict=False)), plan=args.plan, tasks=tasks)
        except ValueError as error:
            print(f"row {number}: not sent: {error}")
            refused += 1
            continue
        status, data = call(args.base_url, token, "POST", "/api/activities/", body)
        if status == 201:
            print(f"row {number}: recorded as activity {data['id']}")
        else:
            refused += 1
            errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in (data.get("errors") or {}).items())
            print(f"row {number}: refused ({status}) {data.get('detail', '')} {errors}".rstrip())
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
