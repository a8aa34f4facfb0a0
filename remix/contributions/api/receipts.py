"""The association that issues the tax receipts over HTTP: read and set by stewards, through the
same service as the issuer page and the admin."""

from ninja import Router

from remix.api.auth import token_auth_for
from remix.api.common import ERRORS
from remix.contributions import receipts, services
from remix.contributions.api.schemas import ReceiptIssuerIn, ReceiptIssuerOut
from remix.contributions.models import ReceiptIssuer
from remix.core.permissions import can_set_receipt_issuer

router = Router(tags=["receipts"])


def _issuer() -> dict:
    """The issuer receipts name now, and whether it comes from the server's settings."""
    now = receipts.issuer()
    return {
        "name": now["issuer"],
        "address": now.get("address", ""),
        "object": now.get("object", ""),
        "signatory": now.get("signatory", ""),
        "signatory_role": now.get("role", ""),
        "from_settings": not ReceiptIssuer.objects.exists(),
    }


@router.get(
    "/receipts/issuer",
    response={200: ReceiptIssuerOut, **ERRORS},
    auth=token_auth_for(can_set_receipt_issuer),
    summary="The association named on tax receipts (stewards)",
    description=(
        "Its name, address, object, signatory and their role, as receipts issued now copy them. "
        "`from_settings` is true until a steward sets it: the server's `REMIX_RECEIPTS_*` speak "
        "until then; an empty `name` means no receipt can be issued."
    ),
    operation_id="remix_funding_api_receipt_issuer",
)
def receipt_issuer(request):
    return _issuer()


@router.put(
    "/receipts/issuer",
    response={200: ReceiptIssuerOut, **ERRORS},
    auth=token_auth_for(can_set_receipt_issuer),
    summary="Set the association named on tax receipts (stewards)",
    description=(
        "Receipts issued from then on copy it; those issued before keep theirs. `name` is "
        "required; the other fields, left out, are emptied."
    ),
    operation_id="remix_funding_api_receipt_issuer_set",
)
def receipt_issuer_set(request, payload: ReceiptIssuerIn):
    services.receipt_issuer_set(**payload.model_dump(), recorder=request.auth)
    return _issuer()
