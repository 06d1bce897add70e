"""The base of every interactive thing in the course: one component, two renderings.

In JupyterLab a component shows its live ipywidgets view. In an HTML export (the static site) there is no
kernel, so the same output carries a self-contained `text/html` twin that still teaches. And before a saved
notebook is run, JupyterLab shows the `text/plain` form, so that is a friendly sentence, never a widget repr.
"""

from __future__ import annotations

import sys
from typing import Any

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"


def in_kernel() -> bool:
    """True when running inside a Jupyter kernel (where widgets can have a live view)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


class Component:
    """Base class: subclasses implement :meth:`build_widget` and :meth:`twin_html`."""

    #: Short name used in the text/plain form and in aria labels.
    label: str = "Interactive component"

    def __init__(self) -> None:
        self._widget: Any = None

    # --- the three renderings -------------------------------------------------------------------------
    def plain_text(self) -> str:
        """What JupyterLab shows for a saved output before the notebook runs (and what nbval compares)."""
        return f"{self.label} — run this cell to use it here; the course website shows a version without Python."

    def build_widget(self) -> Any:
        """Build the live ipywidgets view. Called once; see :meth:`widget`."""
        raise NotImplementedError

    def twin_html(self) -> str:
        """The kernel-free HTML twin: inline CSS and JS only."""
        raise NotImplementedError

    # --- shared machinery ------------------------------------------------------------------------------
    def widget(self) -> Any:
        """The live view, built on first use and then reused."""
        if self._widget is None:
            self._widget = self.build_widget()
        return self._widget

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/plain": self.plain_text(), "text/html": self.twin_html()}
        if in_kernel():
            view = self.widget()._repr_mimebundle_()
            if view and WIDGET_VIEW_MIME in view:
                bundle[WIDGET_VIEW_MIME] = view[WIDGET_VIEW_MIME]
        return bundle

    def __repr__(self) -> str:
        return self.plain_text()
