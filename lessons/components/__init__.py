"""Interactive components: each has a live ipywidgets view and a kernel-free HTML twin.

timeline, charts, regionmap (the region map), infoflow (information flow), voices, reader (the article reader) and
decision (the decision room), documents (source analysis: a document with its sourcing panel, two documents
compared, a sourcing chart). Components build on the base modules (data, geo, style, component, _html) and may
record answers through :mod:`lessons.assessment.progress`; they never import the site or the teacher tools.
"""
