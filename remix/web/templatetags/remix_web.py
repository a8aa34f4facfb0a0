from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each language (same page, other language prefix, query kept), and
    the switcher's address that leads there and remembers the choice."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(path, code)
        # The switcher goes through the view that remembers the choice (remix/web/language.py).
        choose = f"{reverse('language_switch', args=[code])}?{urlencode({'next': url})}"
        links.append({"code": code, "name": info["name_local"], "url": url, "choose": choose})
    return links
