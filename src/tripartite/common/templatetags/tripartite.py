from django import template

from tripartite.common.models import ActionLogEntry

register = template.Library()


@register.inclusion_tag("common/_history.html", takes_context=True)
def history(context, obj):
    """The action log of ``obj``, for users who may read it (detail pages)."""
    can = context.get("can", {})
    entries = ActionLogEntry.objects.for_object(obj)[:50] if can.get("view_history") else []
    return {"entries": entries, "shown": bool(can.get("view_history"))}


@register.simple_tag
def local_time(value, zone, fmt="j M Y H:i"):
    """A UTC datetime shown in a meeting's time zone."""
    from django.utils.dateformat import format as date_format

    return date_format(value.astimezone(zone), fmt)
