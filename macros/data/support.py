"""How fresh the help for parents is: a support organisation whose number and address were last
checked more than a year before the data's date (meta.yml) is reported, so that nobody in a
crisis is sent to a number that has changed. Measured from the data's date, not today's, so the
same data always gives the same result: the check comes due when a new version is dated."""

from __future__ import annotations

import datetime as dt

from . import model as m

MAX_AGE = dt.timedelta(days=365)


def stale(guide: m.Guide) -> list[str]:
    """A message (``file:line: ...``) for each organisation checked more than 12 months before the data's date."""
    date = dt.date.fromisoformat(str(guide.meta.date))
    out = []
    for o in guide.support:
        checked = dt.date.fromisoformat(str(o.checked))
        if date - checked > MAX_AGE:
            out.append(
                f"{o.origin.path}:{o.origin.line}: support organisation {o.id}: last checked {checked.isoformat()}, more than 12 months "
                f"before the data's date {date.isoformat()}: check its number and website on its own site, then update 'checked'"
            )
    return out
