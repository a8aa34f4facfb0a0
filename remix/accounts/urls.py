from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from remix.accounts import views, views_activity, views_otp
from remix.accounts.forms import RemixPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("activity/", views_activity.activity, name="activity"),
    path("two-factor/setup/", views_otp.otp_setup, name="otp_setup"),
    path("two-factor/verify/", views_otp.otp_verify, name="otp_verify"),
    path("two-factor/recovery-codes/", views_otp.otp_codes, name="otp_codes"),
    path(
        "two-factor/recovery-codes/new/",
        views_otp.otp_codes_regenerate,
        name="otp_codes_regenerate",
    ),
    path("two-factor/off/", views_otp.otp_disable, name="otp_disable"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=RemixPasswordResetForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:profile")),
        name="password_change",
    ),
]
