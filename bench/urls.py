from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare", bare),
    path("", include("tripartite.config.urls")),
]
