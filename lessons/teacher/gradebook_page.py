"""``teacher/gradebook.html``: the gradebook in the browser — no Python, no server, no network.

The teacher chooses or drops the students' files (work files ``gsomia-work-….json`` or results files); the page
marks them with ``lessons/static/gradebook.js``, which follows :mod:`lessons.assessment.gradebook` rule for rule,
with the limits and the questions written into the page as JSON by :func:`lessons.assessment.classbook.page_data`.
"""

from __future__ import annotations

from .._html import json_for_script, twin
from ..static import text as static_text

__all__ = ["FILENAME", "TITLE", "body_html"]

FILENAME = "gradebook.html"
TITLE = "Gradebook"

CSS = (".gs-gb-drop{border:2px dashed #0b57a4;border-radius:8px;padding:1.2em;text-align:center;margin:0.6em 0}"
       ".gs-gb-drop.gs-over{background:#eef2f7}.gs-gb-out h2{margin-top:1.2em}"
       ".gs-table-wrap{overflow-x:auto}")


def body_html() -> str:
    """The page body: instructions, the file chooser and drop zone, the CSV button, and the data."""
    from ..assessment.classbook import page_data
    from ..assessment.quiz import verdict_js
    from ..components.mywork import reflection_prompts

    data = page_data()
    data["prompts"] = {p["id"]: p["title"] for p in reflection_prompts()}
    body = (
        f"<h1>{TITLE}</h1>"
        "<p>Mark a class's work in this browser: nothing is uploaded and nothing leaves this computer. Choose or drop "
        "the students' files — their work files (<code>gsomia-work-<i>name</i>.json</code>, from the course's "
        "“My work” page or from lesson 08) or older results files. Every mark is recomputed from the answers; "
        "a file that is too large, damaged or not from this course is skipped with a line saying why, and the rest "
        "of the class is still marked. The same files give the same numbers as "
        "<code>python -m lessons gradebook</code>.</p>"
        '<p class="gs-noscript gs-muted">This page needs its script, and scripts seem to be off in this browser. Use '
        "<code>python -m lessons gradebook</code> instead.</p>"
        '<div class="gs-js" hidden>'
        '<div class="gs-gb-drop"><label>Choose the files: <input type="file" class="gs-gb-files" multiple '
        'accept=".json,application/json"></label>'
        '<p class="gs-muted">or drop them here (up to a class, e.g. 30 files)</p></div>'
        '<div class="gs-controls"><button type="button" class="gs-gb-csv" disabled>Download the CSV</button></div>'
        '<p class="gs-gb-status" role="status" aria-live="polite"></p><div class="gs-gb-out"></div></div>'
        f'<script type="application/json" class="gs-gradebook-data">{json_for_script(data)}</script>'
    )
    # the one rule (core.verdict) as window.gsVerdict, then the page's script
    script = verdict_js() + "\n" + static_text("gradebook.js")
    return twin("gradebook", TITLE, body, root_id="gs-gradebook", script=script, css=CSS)
