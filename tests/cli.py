"""The ``tripartite`` command run in this process, through the console script's own entry point
(pyproject.toml: ``tripartite = "tripartite.cli:main"``), with its exit status, standard output
and standard error, as a subprocess would give them without a second's start-up.

A test file keeps one subprocess run per command, for what only a real process shows (the
console script installed, the exit status the shell sees, the encoding of the output).
"""

import io
import subprocess
import sys

from tripartite.cli import main


def tripartite(capsys, monkeypatch, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """``tripartite ARGS`` with ``stdin`` as standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    capsys.readouterr()  # what the test printed before is not the command's
    try:
        main(list(args))
        status = 0
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            status = exit.code or 0
        else:  # sys.exit("message"): Python prints it and exits with 1
            print(exit.code, file=sys.stderr)
            status = 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["tripartite", *args], status, out, err)
