import datetime as dt
from collections.abc import Callable

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from tripartite.common import l10n
from tripartite.common.history import history_lines, visible_to
from tripartite.common.models import ActionLogEntry
from tripartite.common.text import current_language
from tripartite.common.titles import title_in
from tripartite.rules import citations

register = template.Library()


@register.inclusion_tag("common/_history.html", takes_context=True)
def history(context, obj):
    """The action log of ``obj``, for users who may read it (detail pages)."""
    can = context.get("can", {})
    if not can.get("view_history"):
        return {"entries": [], "shown": False}
    entries = visible_to(ActionLogEntry.objects.for_object(obj).select_related("content_type"),
                         context.get("user"))[:50]
    return {"entries": history_lines(entries), "shown": True}


# Named styles of ``local_time``, as the active language writes them (common/l10n.py).
TIME_STYLES = {
    "date": lambda moment: l10n.long_date(moment.date()),
    "weekday": lambda moment: l10n.weekday_date(moment.date()),
    "datetime": lambda moment: l10n.long_datetime(moment),
    "weekday_datetime": lambda moment: l10n.long_datetime(moment, weekday=True),
    "day_time": lambda moment: l10n.long_datetime(moment, year=False),
}


@register.simple_tag
def local_time(value, zone, fmt="datetime"):
    """A UTC datetime shown in a meeting's time zone: a named style ("date", "weekday",
    "datetime", "weekday_datetime", "day_time") or a Django format for the rest ("H:i")."""
    from django.utils.dateformat import format as date_format

    if value is None:
        return ""
    moment = value.astimezone(zone)
    style = TIME_STYLES.get(fmt)
    return style(moment) if style else date_format(moment, fmt)


@register.simple_tag
def date_range(start, end, zone=None):
    """The days from ``start`` to ``end`` as the language writes them ("du 1er au 12 juin
    2026"); datetimes are first put in ``zone`` (a meeting's)."""
    if start is None:
        return ""
    if zone is not None:
        start = start.astimezone(zone) if isinstance(start, dt.datetime) else start
        end = end.astimezone(zone) if isinstance(end, dt.datetime) else end
    return l10n.date_range(start, end)


@register.filter
def person_title(person) -> str:
    """A person's title in the active language ("Ms" -> "Mme", "Sra."; common/titles.py)."""
    return title_in(getattr(person, "title", "") or "", current_language(),
                    getattr(person, "gender", "") or "")


@register.filter
def long_date(value, style=""):
    """A date ("1er juin 2026"); ``|long_date:"weekday"`` names the day ("lundi 1er juin
    2026"). A datetime is shown in the current time zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return l10n.weekday_date(value) if style == "weekday" else l10n.long_date(value)


@register.filter
def long_datetime(value):
    """A moment in the current time zone ("1er juin 2026, 10:00")."""
    if value in (None, ""):
        return ""
    return l10n.long_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


@register.filter
def amount(value, currency=""):
    """A sum with the language's separators: "45 000,00 USD"."""
    return l10n.amount(value, currency or "")


# How a citation is shown: plain text here; the library, floors above, registers one that links
# each cited provision to its text when it holds it (library/citation_links.py, library/apps.py).
citation_renderer: Callable[[str, str], str] | None = None


@register.filter
def cite(provision):
    """A rule's provision as the active language cites it ("Constitution, art. 4(2)"), each
    provision a link to its text when the library holds it. The one place where findings'
    citations are shown."""
    text, language = str(provision or ""), current_language()
    if citation_renderer is None:
        return citations.cite(text, language)
    return mark_safe(citation_renderer(text, language))  # noqa: S308 (the renderer escapes)


@register.filter
def figure(value):
    """A whole number with the language's grouping: "6 000"."""
    return "" if value in (None, "") else l10n.number(value)


def _bound_forms(context):
    """The bound forms and formsets of the page, in the order the view put them in the context."""
    from django.forms import BaseForm
    from django.forms.formsets import BaseFormSet

    seen = set()
    for value in context.flatten().values():
        if isinstance(value, (BaseForm, BaseFormSet)) and value.is_bound and id(value) not in seen:
            seen.add(id(value))
            yield value


def _form_error_links(form):
    """(message, anchor) pairs of one form: each field's errors link to the field."""
    fields = [bound for bound in form if not bound.is_hidden]
    first = f"#{fields[0].id_for_label}" if fields and fields[0].id_for_label else "#main"
    links = [(str(message), first) for message in form.non_field_errors()]
    for bound in form:
        for message in bound.errors:
            linkable = bound.id_for_label and not bound.is_hidden
            anchor = f"#{bound.id_for_label}" if linkable else first
            links.append((f"{bound.label}: {message}", anchor))
    return links


@register.simple_tag(takes_context=True)
def form_error_summary(context):
    """Every server-side error of the page's forms, each linking to its field (WCAG 3.3.1).

    base.html shows them in an error summary and prefixes the page title with "Error: ".
    """
    links = []
    for form in _bound_forms(context):
        if hasattr(form, "forms"):  # a formset: its own errors, then each row's
            first = form.forms[0] if form.forms else None
            anchor = f"#{next(iter(first)).id_for_label}" if first and first.fields else "#main"
            links += [(str(message), anchor) for message in form.non_form_errors()]
            for row in form.forms:
                links += _form_error_links(row)
        else:
            links += _form_error_links(form)
    return links


@register.filter
def fieldsets(form):
    """The form's visible fields in its groups: [(legend, [bound fields])]. A form names its
    groups in ``fieldsets`` ((legend, (field names…)), …); the fields it leaves out follow,
    without a legend. A form without groups is one group without a legend."""
    visible = {bound.name: bound for bound in form.visible_fields()}
    groups = []
    for legend, names in getattr(form, "fieldsets", ()):
        fields = [visible.pop(name) for name in names if name in visible]
        if fields:
            groups.append((legend, fields))
    if visible:
        groups.append(("", list(visible.values())))
    return groups
