"""The admin site: Django's, with two-factor sign-in for those who need it.

Installed in place of django.contrib.admin (newsroom/apps.py), so `admin.site`,
where every app registers its models, is a NewsroomAdminSite.

Two-factor authentication (django-otp, TOTP apps or one-time recovery codes) is
optional for staff: whoever has a confirmed device must give a code from it to
sign in. With NEWSROOM_REQUIRE_2FA_FOR_SUPERUSERS on, a superuser without a
verified device cannot use the admin at all. Repeated wrong passwords are
handled before any of this, by django-axes (newsroom/security.py).
"""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.sites import AdminSite
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.urls import path
from django_otp import device_classes, devices_for_user
from django_otp.forms import OTPAuthenticationFormMixin

HAS_DEVICE_KEY = "otp:has-device:{}"
HAS_DEVICE_SECONDS = 5 * 60


def second_factor_required(user):
    """Must this signed-in user be verified by a device to use the admin?"""
    if user.is_superuser and settings.NEWSROOM_REQUIRE_2FA_FOR_SUPERUSERS:
        return True
    return has_device(user)


def has_device(user):
    """Whether the user has a confirmed device of any kind: one query, then kept
    in the cache (forgotten when a device is saved or deleted, see forget_devices)."""
    key = HAS_DEVICE_KEY.format(user.pk)
    found = cache.get(key)
    if found is None:
        confirmed = Q()
        for model in device_classes():
            name = model._meta.get_field("user").related_query_name()
            confirmed |= Q(**{f"{name}__confirmed": True})
        found = get_user_model().objects.filter(confirmed, pk=user.pk).exists()
        cache.set(key, found, HAS_DEVICE_SECONDS)
    return found


def forget_devices(sender, instance, **kwargs):
    """post_save/post_delete of a device: its user's answer is asked again."""
    cache.delete(HAS_DEVICE_KEY.format(instance.user_id))


def second_factor_done(request):
    """The user is verified by a device, or needs none (memoised per request:
    the admin asks several times while building one page)."""
    done = getattr(request, "_newsroom_second_factor", None)
    if done is None:
        user = request.user
        is_verified = getattr(user, "is_verified", None)
        done = bool(is_verified and is_verified()) or not second_factor_required(user)
        request._newsroom_second_factor = done
    return done


class TwoFactorLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """The admin's login form, asking for a code only from those who need one."""

    otp_device = forms.CharField(required=False, widget=forms.Select)
    otp_token = forms.CharField(
        label="Authentication code",
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 10}
        ),
        help_text="From your authenticator app, or a recovery code. Only if you use "
        "two-factor authentication.",
    )
    # django-otp's placeholder for interactive devices; ours are not.
    otp_challenge = forms.CharField(required=False)

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Please enter the code from your authenticator app.",
        "invalid_token": "That code is not right. Please try the current one.",
        "device_required": "Please choose which device the code comes from.",
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not second_factor_required(user):
            return cleaned_data
        devices = list(devices_for_user(user, confirmed=True))
        if not devices:
            raise forms.ValidationError(
                "Your account must use two-factor authentication, and has no device yet. "
                "Ask an administrator for a recovery code (README: Security).",
                code="no_device",
            )
        if not cleaned_data.get("otp_device") and len(devices) == 1:
            cleaned_data["otp_device"] = devices[0].persistent_id
        self.clean_otp(user)
        return cleaned_data

    def needs_device_choice(self):
        user = self.get_user()
        return user is not None and len(list(devices_for_user(user, confirmed=True))) > 1


class NewsroomAdminSite(AdminSite):
    login_form = TwoFactorLoginForm
    login_template = "admin/newsroom_login.html"

    def has_permission(self, request):
        return super().has_permission(request) and second_factor_done(request)

    def get_urls(self):
        """Django's "view on site" shortcut, through the object's own admin."""
        urls = [url for url in super().get_urls() if getattr(url, "name", "") != "view_on_site"]
        view_on_site = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [view_on_site, *urls]

    def view_on_site(self, request, content_type_id, object_id):
        """Follow an object to its public address only for people its admin lets
        see that object: Django's shortcut would send anyone to any draft's slug.
        Everything else is a 404, so nothing says the object exists."""
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404("No such object.") from None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404("No such object.")
        obj = model_admin.get_object(request, object_id)
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404("No such object.")
        return shortcut(request, content_type_id, object_id)
