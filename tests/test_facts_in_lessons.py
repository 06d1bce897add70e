"""Every date and number a lesson states in its text can be found in data/.

Prose is where facts drift: a lesson typed by hand can say "23 August" where the data says 24. This test reads
every Markdown cell of every lesson, finds full dates ("22 Aug 2019", "22 August 2019") and figures with four or
more digits or a percent sign ("308,700", "−48.0 %"), and checks each against the text and values of the data
files. A fact that is not in data/ must be added there, with its source, before a lesson may state it.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:\s*(?:–|-|and|&)\s*\d{1,2})?\s+([A-Z][a-z]{2,8})\.?\s+((?:19|20)\d{2})\b")
MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),\s+((?:19|20)\d{2})\b")
ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
NUMBER = re.compile(r"(?<![\w.])[−-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.])[−-]?\d+(?:\.\d+)?\s?%")


def _data_corpus() -> tuple[set[date], set[str]]:
    dates: set[date] = set()
    numbers: set[str] = set()
    texts: list[str] = []
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.reader(fh):
                    texts.extend(row)
        elif path.suffix == ".json" and path.name != "manifest.json":
            texts.append(path.read_text(encoding="utf-8"))
    seed = next((ROOT / "seeds").glob("*.txt"))
    texts.append(seed.read_text(encoding="utf-8"))
    for text in texts:
        dates.update(_dates_in(text))
        for match in ISO.finditer(text):
            try:
                dates.add(date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
            except ValueError:
                pass
        for raw in re.findall(r"[−-]?\d[\d,]*(?:\.\d+)?", text):
            numbers.update(_number_forms(raw))
    return dates, numbers


def _dates_in(text: str) -> set[date]:
    found = set()
    for day, month, year in DAY_MONTH_YEAR.findall(text):
        if month.lower() in MONTHS:
            try:
                found.add(date(int(year), MONTHS[month.lower()], int(day)))
            except ValueError:
                pass
    for month, day, year in MONTH_DAY_YEAR.findall(text):
        if month.lower() in MONTHS:
            try:
                found.add(date(int(year), MONTHS[month.lower()], int(day)))
            except ValueError:
                pass
    return found


def _number_forms(raw: str) -> set[str]:
    """A number's canonical forms: '308,700' → {'308700'}; '48.0' → {'48.0', '48'}; '-48' → {'48'}."""
    text = raw.replace("−", "-").replace(",", "").replace("%", "").strip().lstrip("-")
    if not text or text == ".":
        return set()
    forms = {text}
    try:
        value = float(text)
    except ValueError:
        return forms
    forms.add(f"{value:g}")
    for digits in (0, 1, 2):
        forms.add(f"{value:.{digits}f}")
    return forms


def _lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _markdown(path: Path) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            src = cell["source"]
            out.append((i, "".join(src) if isinstance(src, list) else src))
    return out


CORPUS = _data_corpus()


@pytest.mark.parametrize("path", _lessons(), ids=[p.name for p in _lessons()])
def test_every_date_in_the_text_is_in_the_data(path: Path) -> None:
    known, _ = CORPUS
    for i, text in _markdown(path):
        for day in _dates_in(text):
            assert day in known, (
                f"{path.name}, cell {i}: the text says {day:%d %b %Y}, but no row of data/ (or the seed) has that "
                "date. Add the event to data/timeline.csv with its source, or correct the text."
            )


@pytest.mark.parametrize("path", _lessons(), ids=[p.name for p in _lessons()])
def test_every_figure_in_the_text_is_in_the_data(path: Path) -> None:
    _, known = CORPUS
    for i, text in _markdown(path):
        text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not facts
        for match in NUMBER.finditer(text):
            forms = _number_forms(match.group(0))
            assert forms & known, (
                f"{path.name}, cell {i}: the text states {match.group(0)!r}, which no data file (or the seed) "
                "contains. Take the figure from data/ (e.g. data/figures.csv) or add it there with its source."
            )


def test_the_checker_catches_a_wrong_date() -> None:
    known, _ = CORPUS
    assert date(2019, 8, 22) in known  # the announcement is in the data
    assert _dates_in("Seoul announced it on 23 Aug 2019.") == {date(2019, 8, 23)}
    assert date(2019, 8, 21) in known and date(2019, 8, 19) not in _dates_in("On 19 August 2019") - {date(2019, 8, 19)}
    assert date(2019, 8, 30) not in known, "a date with no event must not be in the corpus, or the test can't fail"
