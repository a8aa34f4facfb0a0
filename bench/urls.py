"""Remix's URLs plus the benchmarks' baseline: a minimal view behind the same middleware."""

from django.http import HttpResponse
from django.urls import path

from remix import urls as remix_urls


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal/", minimal), *remix_urls.urlpatterns]
handler404 = remix_urls.handler404
handler500 = remix_urls.handler500
