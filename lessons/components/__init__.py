"""Interactive components of the course (each with a live ipywidgets view and a kernel-free HTML twin).

Minimal package file created on the issue-14 branch for :mod:`lessons.components.documents`; the package
layout of issue 12 replaces it. Importing it has no side effects and imports no component.
"""
