"""Django's ``date`` filter, with the 1st of a month written « 1er » in French.

Installed as a builtin (settings ``TEMPLATES``) so that every template, the admin's included,
writes « 1er janvier 2027 » rather than « 1 janvier 2027 »."""

from django import template
from django.template.defaultfilters import date as django_date

from remix.core.formats import first_of_month

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return first_of_month(django_date(value, arg))
