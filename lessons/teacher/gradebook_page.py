"""``teacher/gradebook.html``: the gradebook in the browser — no Python, no server, no network.

The teacher chooses or drops the students' files (work files ``gsomia-work-….json`` or results files); the page
marks them with ``lessons/static/gradebook.js``, which follows :mod:`lessons.assessment.gradebook` rule for rule,
with the limits and the questions written into the page as JSON by :func:`lessons.assessment.classbook.page_data`.
"""

from __future__ import annotations

from .._html import esc, json_for_script, twin
from ..static import filled
from ..static import text as static_text

__all__ = ["FILENAME", "TITLE", "body_html"]

FILENAME = "gradebook.html"
TITLE = "Gradebook"


def body_html() -> str:
    """The page body: instructions, the file chooser and drop zone, the CSV button, and the data."""
    from ..assessment.classbook import page_data
    from ..assessment.quiz import verdict_js
    from ..components.mywork import reflection_prompts

    data = page_data()
    data["prompts"] = {p["id"]: p["title"] for p in reflection_prompts()}
    body = filled("gradebook.html", title=esc(TITLE), data=json_for_script(data))  # lessons/static/gradebook.html
    # the one rule (core.verdict) as window.gsVerdict, then the page's script
    script = verdict_js() + "\n" + static_text("gradebook.js")
    return twin("gradebook", TITLE, body, root_id="gs-gradebook", script=script, css=static_text("gradebook.css"))
