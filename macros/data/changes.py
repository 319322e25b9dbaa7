"""What has changed in the benchmark, by data version: a pure table built from the model.

Each standard records the version that first published it (``added``) and, where its
wording changed since, the version of that change (``changed``, with ``change_note``);
retired standards record the version that retired them. :func:`history` groups them by
version, newest first, for the "What has changed" page.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import model as m


@dataclass(frozen=True)
class VersionChanges:
    version: str
    added: tuple[m.Standard, ...] = ()
    changed: tuple[m.Standard, ...] = ()
    retired: tuple[m.Retired, ...] = ()


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("."))


def history(guide: m.Guide) -> tuple[VersionChanges, ...]:
    """Every version that added, changed or retired a standard, newest first."""
    versions: dict[str, dict[str, list]] = {}

    def at(version: str) -> dict[str, list]:
        return versions.setdefault(version, {"added": [], "changed": [], "retired": []})

    for s in guide.standards:
        at(s.added)["added"].append(s)
        if s.changed and s.changed != s.added:
            at(s.changed)["changed"].append(s)
    for r in guide.retired:
        at(r.retired)["retired"].append(r)
    return tuple(
        VersionChanges(v, tuple(c["added"]), tuple(c["changed"]), tuple(c["retired"]))
        for v, c in sorted(versions.items(), key=lambda item: _key(item[0]), reverse=True)
    )


def retired_standard(guide: m.Guide, standard_id: str) -> m.Retired:
    for r in guide.retired:
        if r.id == standard_id:
            return r
    known = ", ".join(r.id for r in guide.retired) or "none"
    raise KeyError(f"no retired standard with id {standard_id!r} (retired: {known})")
