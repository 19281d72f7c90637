from django import template

from tripartite.common.history import history_lines, visible_to
from tripartite.common.models import ActionLogEntry

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


@register.simple_tag
def local_time(value, zone, fmt="j M Y H:i"):
    """A UTC datetime shown in a meeting's time zone."""
    from django.utils.dateformat import format as date_format

    return date_format(value.astimezone(zone), fmt)


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
