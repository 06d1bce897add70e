"""The course's visual style: a colour-blind-safe palette and matplotlib settings applied on request."""

from __future__ import annotations

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: One colour per actor, used in every figure and twin so a country always looks the same.
COUNTRY_COLOURS = {
    "South Korea": OKABE_ITO["blue"],
    "Japan": OKABE_ITO["vermillion"],
    "United States": OKABE_ITO["bluish_green"],
    "North Korea": "#555555",
    "China": OKABE_ITO["reddish_purple"],
    "Russia": OKABE_ITO["orange"],
}

#: One colour and one marker per timeline category (shape as well as colour, for readers who can't tell hues apart).
CATEGORY_STYLES = {
    "history": {"colour": OKABE_ITO["reddish_purple"], "marker": "s"},
    "trade": {"colour": OKABE_ITO["orange"], "marker": "D"},
    "security": {"colour": OKABE_ITO["blue"], "marker": "o"},
    "diplomacy": {"colour": OKABE_ITO["bluish_green"], "marker": "^"},
    "society": {"colour": OKABE_ITO["vermillion"], "marker": "v"},
}

#: Text colours that pass WCAG AA (4.5:1) on white.
TEXT = "#1a1a1a"
MUTED_TEXT = "#555555"
CORRECT = "#0b6e2e"
WRONG = "#b00020"
LINK = "#0b57a4"

#: Fixed figure settings, so saved outputs are the same on every run.
DPI = 80
FONT_SIZE = 10

_COURSE_RC = {
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 2,
    "axes.labelsize": FONT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.figsize": (8.0, 4.5),
    "svg.hashsalt": "gsomia",
}


def course_rc() -> dict:
    """The matplotlib settings of the course, as a dict (for `matplotlib.rc_context`)."""
    from cycler import cycler

    rc = dict(_COURSE_RC)
    rc["axes.prop_cycle"] = cycler(
        color=[OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue")]
    )
    return rc


def setup() -> None:
    """Apply the course style to matplotlib (colour-blind-safe palette, fixed sizes).

    Call this once at the top of a notebook. Importing `lessons` never changes matplotlib's settings by itself.
    """
    import matplotlib

    matplotlib.rcParams.update(course_rc())
