from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header (Django 5.2 has none built in).

    Everything is served from this origin, with no inline script, so the policy is strict.
    The API's interactive docs page is the one place that needs inline script.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and not request.path.startswith(
                "/api/docs"):
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response
