from django.urls import path

from remix.invoicing import views

app_name = "invoicing"

urlpatterns = [
    path("", views.invoice_list, name="invoices"),
    path("new/", views.invoice_new, name="invoice_new"),
    path("issuer/", views.issuer_edit, name="issuer"),
    path("<int:pk>/", views.invoice_detail, name="invoice"),
    path("<int:pk>/edit/", views.invoice_edit, name="invoice_edit"),
    path("<int:pk>/issue/", views.invoice_issue, name="invoice_issue"),
    path("<int:pk>/payment/", views.invoice_payment, name="invoice_payment"),
    path("<int:pk>/credit-note/", views.invoice_credit_note, name="invoice_credit_note"),
    path("<int:pk>/pdf/", views.invoice_download, name="invoice_pdf"),
]
