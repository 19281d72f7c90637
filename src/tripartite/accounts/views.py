from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tripartite.accounts import services
from tripartite.accounts.calendar_keys import feed_key_for
from tripartite.accounts.models import ApiToken
from tripartite.accounts.permissions import is_active_user
from tripartite.common.services import ServiceError


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        # "Wrong username or password" belongs to both fields: mark them invalid and let
        # screen readers read the message with each of them.
        if form.non_field_errors():
            for name in ("username", "password"):
                form.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "login-error"})
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/form_page.html"
    success_url = reverse_lazy("accounts:profile")
    extra_context = {"heading": gettext_lazy("Change password")}

    def form_valid(self, form):
        with transaction.atomic():  # the new password and the revocation, or neither
            response = super().form_valid(form)
            services.user_credentials_revoke(user=form.user, actor=self.request.user,
                                             reason=services.PASSWORD_CHANGED)
        messages.success(self.request, _(
            "Your password was changed. Your API tokens were revoked and your calendar "
            "address was replaced."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/form_page.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"heading": gettext_lazy("Reset your password"),
                     "intro": gettext_lazy("Enter your e-mail address; we will send you a "
                                           "link to choose a new password.")}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/message_page.html"
    extra_context = {"heading": gettext_lazy("Check your e-mail"),
                     "message": gettext_lazy("If an account uses that address, a link to "
                                             "choose a new password is on its way.")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/form_page.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"heading": gettext_lazy("Choose a new password")}

    def form_valid(self, form):
        with transaction.atomic():  # the new password and the revocation, or neither
            response = super().form_valid(form)
            services.user_credentials_revoke(user=form.user, actor=form.user,
                                             reason=services.PASSWORD_RESET)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/message_page.html"
    extra_context = {"heading": gettext_lazy("Password changed"),
                     "message": gettext_lazy("Your password was set. You can log in now.")}


@require_POST
def set_language(request):
    """Switch the interface language; remembered on the user, and in a cookie before login."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    translation.activate(language)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600,
                        samesite="Lax", secure=settings.LANGUAGE_COOKIE_SECURE, httponly=True)
    return response


@never_cache  # the page that shows a new token must never be kept by a browser or a proxy
@login_required
def profile(request):
    new_secret = None
    if request.method == "POST":
        try:
            _token, new_secret = services.api_token_create(
                user=request.user, actor=request.user, name=request.POST.get("name", ""),
                valid_days=request.POST.get("valid_days", ApiToken.DEFAULT_VALID_DAYS))
        except ServiceError as error:
            messages.error(request, error.message)
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(request, "accounts/profile.html", {
        "tokens": tokens, "new_secret": new_secret, "now": timezone.now(),
        "valid_days_choices": ApiToken.VALID_DAYS_CHOICES,
        "default_valid_days": ApiToken.DEFAULT_VALID_DAYS,
        # The feed is for whoever may view meetings (``meetings.permissions``, an app above
        # this one: every active user); the feed checks that again on each request.
        "calendar_feed_url": (_calendar_feed_url(request.user)
                              if is_active_user(request.user) else None),
    })


def _calendar_feed_url(user) -> str:
    query = urlencode({"key": feed_key_for(user)}, safe=":")
    return f"{settings.SITE_URL}{reverse('meetings:ics_calendar')}?{query}"


@login_required
@require_POST
def calendar_feed_key_replace(request):
    services.calendar_feed_key_replace(user=request.user, actor=request.user)
    messages.success(request, _(
        "Your calendar address was replaced: the old one no longer works. Subscribe again "
        "with the new one."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")
