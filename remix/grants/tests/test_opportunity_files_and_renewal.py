"""A member attaches a file to a call, and adds next year's edition of a yearly call."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from remix.allies.services import theme_save
from remix.grants import services
from remix.grants.models import Opportunity
from remix.grants.tests import builders

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_member_attaches_the_call_s_rules_and_a_visitor_cannot(client, make_user):
    call = builders.opportunity()
    url = reverse("grants:opportunity_attachment", kwargs={"slug": call.slug})
    upload = SimpleUploadedFile("reglement.exe", PDF, content_type="application/octet-stream")
    assert client.post(url, {"file": upload}).status_code == 302
    assert not call.attachments.exists()  # a visitor is sent to log in
    client.force_login(make_user("camille", roles=["member"]))
    upload = SimpleUploadedFile("reglement.exe", PDF, content_type="application/octet-stream")
    client.post(url, {"file": upload, "name": "Règlement de l'appel"})
    (attachment,) = call.attachments.all()
    assert attachment.name == "Règlement de l'appel"
    assert attachment.file.name.endswith(".pdf")  # stored by what it is, not by its name
    page = client.get(reverse("grants:opportunity", kwargs={"slug": call.slug})).content.decode()
    assert "Règlement de l&#x27;appel" in page or "Règlement de l'appel" in page


def test_next_year_s_edition_of_a_yearly_call_moves_every_date_by_a_year(make_user):
    ess = theme_save(code="ess", labels={"fr": "ESS"})
    deadline = timezone.make_aware(datetime.datetime(2027, 3, 15, 12, 0))
    call = builders.opportunity(
        title="Appel ESS 2027",
        recurrence="yearly",
        deadline=deadline,
        opens_on=datetime.date(2026, 12, 1),
        report_due_on=datetime.date(2028, 6, 30),
        themes=[ess],
    )
    renewed = services.opportunity_renew(opportunity=call)
    assert renewed.pk != call.pk and renewed.title == "Appel ESS 2028"
    assert timezone.localtime(renewed.deadline) == timezone.make_aware(
        datetime.datetime(2028, 3, 15, 12, 0)
    )
    assert (renewed.opens_on, renewed.report_due_on) == (
        datetime.date(2027, 12, 1),
        datetime.date(2029, 6, 30),
    )
    assert (renewed.max_share, renewed.withheld_share) == (call.max_share, call.withheld_share)
    assert list(renewed.themes.all()) == [ess]
    assert services.opportunity_renew(opportunity=call).pk == renewed.pk  # asked again
    assert Opportunity.objects.count() == 2


def test_a_call_that_does_not_come_back_has_no_next_edition():
    with pytest.raises(ValidationError):
        services.opportunity_renew(opportunity=builders.opportunity(recurrence=""))


def test_a_member_adds_next_year_s_edition_from_the_page(client, make_user):
    call = builders.opportunity(title="Prix des communs 2027", recurrence="yearly")
    client.force_login(make_user("camille", roles=["member"]))
    response = client.post(reverse("grants:opportunity_renew", kwargs={"slug": call.slug}))
    renewed = Opportunity.objects.exclude(pk=call.pk).get()
    assert response["Location"] == reverse("grants:opportunity", kwargs={"slug": renewed.slug})
