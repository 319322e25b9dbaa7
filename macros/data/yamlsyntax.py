"""``python -m macros.yamlsyntax FILE...``: report YAML syntax errors with file and line.

Used by the pre-commit hook for every YAML file in the repository. It only parses (it builds
no Python objects), so tags such as ``!!python/name:`` in mkdocs.yml are accepted; what a
data file may contain is the data check's job.
"""

from __future__ import annotations

import sys

import yaml

from .yamlloc import syntax_problem


def problems(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            for _ in yaml.compose_all(fh, Loader=yaml.SafeLoader):
                pass
    except UnicodeDecodeError as err:
        return [f"{path}:1: not UTF-8 text: {err.reason}"]
    except yaml.MarkedYAMLError as err:
        found = syntax_problem(err)
        return [f"{path}:{found.line}: {found.message}"]
    except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
        return [f"{path}:1: YAML syntax error: {err}"]
    return []


def main(argv: list[str]) -> int:
    found = [p for path in argv for p in problems(path)]
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
