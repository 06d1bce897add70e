"""The site's data pages: the rows and quiz banks behind the glossary and the sources page, and every cited source
grouped by outlet (``sources.html``)."""

from __future__ import annotations

import json
from typing import Any

from ..citation import URL, parse_source


def dataset_rows(warnings: list[str]) -> dict[str, list[dict[str, Any]]]:
    from .. import data

    out: dict[str, list[dict[str, Any]]] = {}
    for name in data.available():
        if name.startswith("quizzes/") or name.startswith("geo"):
            continue
        try:
            out[name] = data.rows(name)
        except Exception as exc:  # noqa: BLE001 - a broken file is reported, the rest of the site still builds
            warnings.append(f"The dataset {name!r} could not be read, so it is missing from the site: {exc}")
    return out


def quiz_banks(warnings: list[str]) -> dict[str, dict[str, Any]]:
    from .. import data

    banks = {}
    for name in data.available():
        if name.startswith("quizzes/"):
            try:
                banks[name.removeprefix("quizzes/")] = json.loads(data.path(name).read_text(encoding="utf-8"))
            except Exception as exc:  # noqa: BLE001
                warnings.append(f"The quiz bank {name!r} could not be read: {exc}")
    return banks


def split_source(source: str) -> dict[str, str]:
    """'Outlet: title (YYYY-MM-DD) — URL' as its parts: outlet, title (with date) and url."""
    c = parse_source(source)
    head, url = c.head, c.url
    outlet, title = c.outlet or "Other", head.partition(":")[2]  # the title keeps its date here
    if outlet.lower().startswith("seed article"):
        outlet, title = "Seed article", head
    return {"outlet": outlet, "title": title.strip() or head.strip(), "url": url if URL.match(url) else ""}


def collect_sources(datasets: dict[str, list[dict[str, Any]]], banks: dict[str, dict[str, Any]]) -> list[dict]:
    """Every cited source, grouped by outlet (sorted), deduplicated, with the rows that cite it."""
    entries: dict[str, dict[str, Any]] = {}

    def add(source: str, citer: str) -> None:
        key = " ".join(source.split())
        entry = entries.setdefault(key, {**split_source(key), "cited_by": []})
        if citer not in entry["cited_by"]:
            entry["cited_by"].append(citer)

    for name, rows in sorted(datasets.items()):
        for row in rows:
            sources = row.get("sources")
            if isinstance(sources, str):
                sources = [sources]
            for source in sources or []:
                if source:
                    add(source, f"{name}: {row.get('id', '?')}")
    for bank, doc in sorted(banks.items()):
        for q in doc.get("questions", []):
            src = q.get("source") or {}
            if src.get("cite"):
                add(f"{src['cite']} — {src.get('url', '')}".rstrip(" —"), f"quiz {bank}: {q.get('id', '?')}")
            elif src.get("seed"):
                add(f"Seed article, paragraph {src['seed']}", f"quiz {bank}: {q.get('id', '?')}")
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries.values():
        groups.setdefault(entry["outlet"], []).append(entry)
    return [
        {"outlet": outlet, "entries": sorted(items, key=lambda e: (e["title"].lower(), e["url"]))}
        for outlet, items in sorted(groups.items(), key=lambda kv: kv[0].lower())
    ]
