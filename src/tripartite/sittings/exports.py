"""The speaking figures of a session as Excel (a sheet per table) and CSV (one table, the
first column saying which), headings in the reader's language, through
``tripartite.common.exports`` (text that a spreadsheet would run is kept as text)."""

from django.utils.translation import gettext as _

from tripartite.common import exports
from tripartite.sittings.selectors import Figures


def tables(figures: Figures) -> list[tuple[str, list[str], list[list]]]:
    """(title, headings, rows) of each table of the figures."""
    spoken = [_("Speeches"), _("Seconds")]
    tallies = [(_("Speakers"), _("Speaker"), figures.speakers),
               (_("Delegations"), _("Delegation"), figures.delegations),
               (_("Groups"), _("Group"), figures.groups),
               (_("Items"), _("Agenda item"), figures.items)]
    result = [(title, [column, *spoken], [[t.label, t.speeches, t.seconds] for t in rows])
              for title, column, rows in tallies]
    result.append((_("Not reached"), [_("Speaker"), _("Delegation"), _("Sitting"),
                                      _("Agenda item"), _("Request")],
                   [[r["name"], r["delegation"], r["sitting"], r["item"], r["kind"]]
                    for r in figures.not_reached]))
    result.append((_("Women among speakers"), [_("Group"), _("Women"), _("Speakers"),
                                               _("Share of women (%)")],
                   [[group, share.women, share.total, share.percent]
                    for group, share in figures.women]))
    result.append((_("Kinds of speech"), [_("Kind"), _("Taken")],
                   [[_("Points of order"), figures.points_of_order],
                    [_("Rights of reply"), figures.rights_of_reply]]))
    return result


def as_xlsx(figures: Figures) -> bytes:
    writer = exports.XlsxWriter()
    for title, headings, rows in tables(figures):
        sheet = writer.sheet(title)
        writer.append(sheet, headings, bold=True)
        for row in rows:
            writer.append(sheet, row)
    return writer.content()


def as_csv(figures: Figures) -> bytes:
    writer = exports.CsvWriter()
    for title, headings, rows in tables(figures):
        writer.writerow([_("Table"), *headings])
        for row in rows:
            writer.writerow([title, *row])
    return writer.content()
