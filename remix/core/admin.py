from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from remix.core import services
from remix.core.dates import date_window
from remix.core.models import DatesWindow
from remix.core.permissions import can_widen_dates


@admin.register(DatesWindow)
class DatesWindowAdmin(admin.ModelAdmin):
    """A steward widens the dates the books and the plans accept; the change goes through the
    service (its permission, its limits, its audit event)."""

    fields = ("years_back", "years_ahead", "window")
    readonly_fields = ("window",)
    list_display = ("__str__", "years_back", "years_ahead", "window", "changed_at")

    @admin.display(description=_("dates accepted now"))
    def window(self, row=None):
        first, last = date_window()
        return f"{first.isoformat()} – {last.isoformat()}"

    def has_add_permission(self, request):
        return can_widen_dates(request.user) and not DatesWindow.objects.exists()

    def has_change_permission(self, request, obj=None):
        return can_widen_dates(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            saved = services.dates_window_widen(
                years_back=form.cleaned_data["years_back"],
                years_ahead=form.cleaned_data["years_ahead"],
                recorder=request.user,
            )
        except ValidationError as error:  # the form's own checks ran first; a race is still told
            raise ValidationError(error.messages) from None
        obj.pk = saved.pk
