"""Command line: `python -m lessons COMMAND [ARGS]`.

Commands:
  check       check that this machine can run the course
  validate    validate every data file and quiz bank (for teachers who edit data/)
  gradebook   grade students' results files:  gradebook RESULTS... [--out DIR]
  hub-link    print an nbgitpuller link for a JupyterHub:  hub-link --hub URL [--branch B]
  html        build the static course site:  html [--out DIR]
  answerkey   write the teacher's answer key:  answerkey [--out DIR]
  teacherkit  refresh or check the teacher guide's generated blocks:  teacherkit --update-guide | --check
"""

from __future__ import annotations

import importlib
import sys

# command -> (module, function taking argv and returning an exit code)
COMMANDS = {
    "check": ("lessons.environment", "cli"),
    "validate": ("lessons.cli", "validate"),
    "gradebook": ("lessons.assessment.gradebook", "cli"),
    "hub-link": ("lessons.hub", "cli"),
    "html": ("lessons.site.build", "cli"),
    "answerkey": ("lessons.teacher.answerkey", "main"),
    "teacherkit": ("lessons.teacher.kit", "main"),
}


def validate(argv: list[str]) -> int:
    """`python -m lessons validate`: every data table, the map and every quiz bank, one line each."""
    from . import data
    from .assessment import banks
    from .components import decision

    def decision_room() -> str:
        roles, options, _ = decision.load_spec()
        return f"{len(roles)} roles, {len(options)} options"

    return data.main(argv, bank_problems=banks.bank_problems, extra_checks=[("decision", decision_room)])


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        return 0
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        print(f"Unknown command {command!r}. Available commands: {', '.join(COMMANDS)}.", file=sys.stderr)
        return 2
    module_name, function = COMMANDS[command]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        print(f"The command {command!r} is not available in this version of the course ({exc}).", file=sys.stderr)
        return 2
    return int(getattr(module, function)(rest) or 0)
