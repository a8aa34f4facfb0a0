from django import template

from remix.core.files import file_url as _file_url

register = template.Library()


@register.filter
def file_url(obj, field=None):
    """{{ attachment|file_url }}: its protected view, or its /media/ address when public."""
    return _file_url(obj, field)
