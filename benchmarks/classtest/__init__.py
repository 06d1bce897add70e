"""A class of N students on a real JupyterHub on 127.0.0.1, measured end to end (issue 18).

- :mod:`classtest.hub` starts JupyterHub (configurable-http-proxy from npm, a shared-password authenticator, a
  local-process spawner with one home folder per student under a temporary folder), samples every process's
  memory, and stops everything it started by PID / process group.
- :mod:`classtest.student` is one simulated student: follows the nbgitpuller link that
  ``python -m lessons hub-link`` prints, runs a lesson cell by cell over the Jupyter Server REST and kernel
  websocket APIs, answers the lesson's quiz through the course's own grading and progress code, exports the
  results file, edits a notebook, and follows the link again after the teacher changed the course upstream.
- :mod:`classtest.run` runs a whole class and writes ``benchmarks/class.json`` and ``benchmarks/class.md``.

Command line: ``.venv/bin/python benchmarks/class_test.py --students 30`` (``make class-test STUDENTS=30``).
"""
