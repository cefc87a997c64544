"""An approved 购销合同/框架协议 goes into the 合同 register by itself: its contract (number,
client, date, amount and every line) is made from the document when it is approved, and brought
up to date when it is approved again or signed. Contract and document are linked both ways
(contracts.document_id); receipts booked to the contract are never touched."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from app.db.models import Document
from app.db.repositories import documents as repo
from app.db.repositories import sales as sales_repo
from app.domain import documents as rules
from app.domain.documents import ContractLine, DocStatus, DocumentKind, ReviewAction
from app.domain.errors import ValidationError
from app.domain.money import parse_yuan
from app.domain.text import clean
from app.services import contracts
from app.services.archive import Archive
from app.services.documents.records import load_document, version_values

# The placeholders of the shipped templates that hold the contract's number.
NUMBER_KEYS = ("contract_no", "agreement_no")
PAYMENT_TERMS_MAX = 300


@dataclass(frozen=True)
class ContractLink:
    """The contract an approved document is registered as."""

    contract_id: int
    number: str
    created: bool  # True: made now; False: an existing contract brought up to date


def register_contract(session, archive: Archive, document: Document) -> ContractLink | None:
    """Creates or updates the document's contract in the open unit of work (so the approval and
    the register change together, or neither). None when the document is no contract (a notice)
    or has no client yet: a contract is always some client's."""
    if DocumentKind(document.kind) not in rules.TWO_PARTY_KINDS or document.client_id is None:
        return None
    existing = sales_repo.contract_of_document(session, document.id)
    values, lines = version_values(repo.version(session, document.id, document.approved_version))
    number = _number(document, values)
    if existing is None:
        existing = _unlinked_same(session, number, document.client_id)
        if existing is not None:  # typed into the register before: adopt it, never a second one
            existing.document_id = document.id
    signed_on = _signed_on(session, archive, document)
    if existing is None:
        draft = contracts.ContractDraft(
            number=number,
            client_id=document.client_id,
            signed_on=signed_on or archive.today(),
            lines=_lines(lines),
            amount=None if lines else _amount(values),
            payment_terms=_terms(values),
            notes=f"由文书《{document.title}》批准生成",
        )
        contract_id = contracts.create_in(session, archive, draft, document.id)
        return ContractLink(contract_id, draft.number, True)
    old = contracts.draft_of(contracts.record_in(session, existing.id))
    draft = replace(
        old,
        number=number,
        client_id=document.client_id,
        signed_on=signed_on or old.signed_on,
        lines=_lines(lines),
        amount=None if lines else _amount(values),
        payment_terms=_terms(values) or old.payment_terms,
    )
    contracts.update_in(session, archive, existing.id, draft)
    return ContractLink(existing.id, clean(number), False)


def to_contract(archive: Archive, document_id: int) -> ContractLink:
    """`document to-contract`: registers an approved (or signed) 购销合同/框架协议 now, e.g. one
    approved before the app did it by itself. Refused, with the reason, for anything else."""
    with archive.db.session() as session:
        document = load_document(session, document_id)
        if DocumentKind(document.kind) not in rules.TWO_PARTY_KINDS:
            raise ValidationError(
                "document_kind", "not_a_contract", value=rules.KIND_ZH[DocumentKind(document.kind)]
            )
        if DocStatus(document.status) not in rules.FINAL_STATUSES:
            raise ValidationError(
                "document_status", "contract_not_approved", current=document.status
            )
        if document.client_id is None:
            raise ValidationError("client", "contract_needs_client")
        link = register_contract(session, archive, document)
        assert link is not None
        return link


def _number(document: Document, values: dict[str, str]) -> str:
    for key in NUMBER_KEYS:
        if clean(values.get(key, "")):
            return clean(values[key])
    return f"WS-{document.created_at:%Y}-{document.id:04d}"  # 文书 without a number of its own


def _unlinked_same(session, number: str, client_id: int):
    contract = sales_repo.contract_by_number(session, clean(number))
    if contract is not None and contract.document_id is None and contract.client_id == client_id:
        return contract
    return None


def _signed_on(session, archive: Archive, document: Document) -> date | None:
    """The day the document was marked 已签订; None before (the approval day is used then)."""
    if DocStatus(document.status) != DocStatus.SIGNED:
        return None
    signed = repo.last_review(session, document.id, ReviewAction.SIGN.value)
    return signed.at.date() if signed is not None else archive.today()


def _lines(lines: tuple[ContractLine, ...]) -> tuple[contracts.ContractLineDraft, ...]:
    return tuple(
        contracts.ContractLineDraft(
            " ".join(p for p in (line.product, line.spec) if p),
            f"{line.quantity.normalize():f}",
            line.unit,
            line.unit_price,
        )
        for line in lines
    )


def _amount(values: dict[str, str]) -> Decimal | None:
    try:
        return parse_yuan(values.get("amount", "")) if values.get("amount") else None
    except ValueError:
        return None


def _terms(values: dict[str, str]) -> str:
    return clean(values.get("payment_terms", ""))[:PAYMENT_TERMS_MAX]
