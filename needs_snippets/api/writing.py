"""Creating and changing responses over the API, through the admin's own form.

The API's JSON becomes the data the admin's edit form would post (the same `ResponseForm`,
formsets and model validation), and Wagtail's create/edit actions save it: each save is a
revision by the token's user, logged in the response's history. Errors name the API's
fields, not the form's.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from ninja.errors import HttpError
from wagtail.actions.create import CreateAction
from wagtail.actions.edit import EditAction
from wagtail.api.v3.form_data import build_form_data
from wagtail.utils.forms import FormValidationError

from ..models import Member, Need, Pillar, Response
from ..permissions import manages_all_responses, member_ids_of, response_policy
from .common import field_error, unknown_code

#: Where a request body's fields are, in error locations (as the API's own validation says).
BODY = ("body", "data")
#: Form names → API names, for error locations.
FORM_TO_API = {"need_links": "needs", "__all__": None}


def _form_class():
    return Response.snippet_viewset.get_form_class()


def _check_reporting_member(user, member_id):
    if member_id is None:
        return
    if not Member.objects.filter(pk=member_id).exists():
        raise field_error(
            (*BODY, "reporting_member"),
            f"No member organisation has the id {member_id}: see /database/members/.",
        )
    if manages_all_responses(user) or member_id in member_ids_of(user):
        return
    own = Member.objects.filter(pk__in=member_ids_of(user)).order_by("name")
    names = ", ".join(f"{m.display_name} (id {m.pk})" for m in own)
    raise PermissionDenied(
        f"You may report responses only for your own organisation: {names}."
        if names
        else "Your login is not a focal point of any member organisation: ask the IISG "
        "Secretariat to add you as one."
    )


def _pillar_id(code):
    pillar = Pillar.objects.filter(code=code).first()
    if pillar is None:
        known = Pillar.objects.values_list("code", flat=True)
        raise unknown_code((*BODY, "pillar"), code, known)
    return pillar.pk


def _partner_ids(codes):
    partners = dict(Member.objects.wb_partners().values_list("country_code", "pk"))
    for index, code in enumerate(codes):
        if code not in partners:
            raise unknown_code((*BODY, "beneficiaries", index), code, sorted(partners))
    return [partners[code] for code in codes]


def _need_ids(user, ids, already_linked=()):
    """The needs must be published (unless the user edits needs): members answer those.
    Needs the response already answers may stay, published or not."""
    needs = Need.objects.all()
    if not user.has_perm("needs_snippets.change_need"):
        needs = needs.filter(live=True)
    known = set(needs.filter(pk__in=ids).values_list("pk", flat=True)) | set(already_linked)
    for index, need_id in enumerate(ids):
        if need_id not in known:
            raise field_error(
                (*BODY, "needs", index),
                f"No published need has the id {need_id}: see /database/needs/.",
            )
    return ids


def form_payload(user, data, response=None):
    """The admin form's data for the API fields in `data`, on top of `response`'s values."""
    payload = {}
    simple = [
        "reporting_member", "title", "description", "cycle", "iati_status", "planned_start",
        "planned_end", "actual_start", "actual_end", "budget", "currency", "funding_source",
        "sensitivity", "iati_identifier", "sector",
    ]  # fmt: skip
    for name in simple:
        if name in data:
            value = data[name]
            payload[name] = "" if value is None else str(value)
    if "pillar" in data:
        payload["pillar"] = _pillar_id(data["pillar"]) if data["pillar"] is not None else ""
    if "beneficiaries" in data:
        payload["beneficiaries"] = _partner_ids(data["beneficiaries"] or [])
    if "needs" in data:
        linked = {link.need_id: link.pk for link in response.need_links.all()} if response else {}
        payload["need_links"] = [
            {"id": linked.get(need_id), "need": need_id}
            for need_id in _need_ids(user, data["needs"] or [], linked)
        ]
    if "participations" in data:
        existing = (
            {(p.member_id, p.role): p.pk for p in response.participations.all()} if response else {}
        )
        payload["participations"] = [
            {"id": existing.get((p["member"], p["role"])), "member": p["member"], "role": p["role"]}
            for p in data["participations"] or []
        ]
    return payload


def current_payload(response):
    """The admin form's data for `response` as it is."""
    return {
        "reporting_member": response.reporting_member_id,
        "title": response.title,
        "description": response.description,
        "pillar": response.pillar_id,
        "cycle": response.cycle_id or "",
        "beneficiaries": [link.partner_id for link in response.beneficiary_links.all()],
        "iati_status": response.iati_status,
        "planned_start": response.planned_start or "",
        "planned_end": response.planned_end or "",
        "actual_start": response.actual_start or "",
        "actual_end": response.actual_end or "",
        "budget": "" if response.budget is None else response.budget,
        "currency": response.currency,
        "funding_source": response.funding_source,
        "sensitivity": response.sensitivity,
        "iati_identifier": response.iati_identifier,
        "sector": response.sector,
        "need_links": [{"id": link.pk, "need": link.need_id} for link in response.need_links.all()],
        "participations": [
            {"id": p.pk, "member": p.member_id, "role": p.role}
            for p in response.participations.all()
        ],
    }


def list_positions(instance, payload):
    """{relation: {form index: position in the request's list}} for the formsets of
    `payload`: a bound formset lists the existing rows first, then the new ones. Rows the
    request removed have no position."""
    positions = {}
    for relation in ("need_links", "participations"):
        if relation not in payload:
            continue
        existing = [row.pk for row in getattr(instance, relation).all()] if instance.pk else []
        mapping, new = {}, 0
        for position, item in enumerate(payload[relation]):
            if item.get("id") in existing:
                mapping[existing.index(item["id"])] = position
            else:
                mapping[len(existing) + new] = position
                new += 1
        positions[relation] = mapping
    return positions


def api_errors(error, positions):
    """A form's FormValidationError located in the request: the API's names, the positions of
    the request's lists (errors of removed rows dropped)."""
    located = {}
    for path, messages in error.loc_errors:
        name, *rest = path
        if rest and name in positions:
            if rest[0] not in positions[name]:
                continue  # a row the request removed
            rest[0] = positions[name][rest[0]]
            if name == "need_links":
                rest = rest[:1]  # ("need_links", 0, "need") → ("needs", 0)
        name = FORM_TO_API.get(name, name)
        location = (*BODY, name, *rest) if name else BODY
        located.setdefault(location, []).extend(messages)
    return FormValidationError(located)


def _save(action_class, user, payload, instance):
    form_class = _form_class()
    form = form_class(
        data=build_form_data(form_class, payload, instance=instance if instance.pk else None),
        instance=instance,
        for_user=user,
    )
    positions = list_positions(instance, payload)
    # Validate in full first: Wagtail's actions defer required fields when not publishing.
    if not form.is_valid():
        raise api_errors(FormValidationError.from_form(form), positions)
    try:
        with transaction.atomic():
            return action_class(form.instance, user=user, form=form).execute()
    except FormValidationError as error:
        raise api_errors(error, positions) from error
    except IntegrityError as error:  # validated, then beaten to it by a concurrent request
        raise HttpError(409, _conflict(error)) from error


def _conflict(error):
    """What to do when a concurrent write took what this one validated as free."""
    constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None)
    if constraint == "response_iati_identifier_unique":
        return (
            "Another request gave a response of this organisation the same IATI identifier "
            "at the same moment: read the responses again, then send your change."
        )
    return "Another request changed the same data at the same moment: send your change again."


def create_response(user, data):
    """A new response from the API's fields, validated and saved as the admin would."""
    if not response_policy().user_has_permission(user, "add"):
        raise PermissionDenied("This token's user may not report responses.")
    _check_reporting_member(user, data.get("reporting_member"))
    payload = form_payload(user, data)
    return _save(CreateAction, user, payload, Response())


def version(response):
    """The response's version, as the API's ETag: it changes with every saved revision (the
    admin, the API and template imports all save one)."""
    return f'"response-{response.pk}-{response.latest_revision_id or 0}"'


def update_response(user, response_id, data, if_match=None):
    """The response with the API's fields in `data` changed and the rest kept, under a row
    lock: the fields are applied to the response as it is now, so concurrent changes to other
    fields survive. With `if_match` (an ETag), a response changed since is refused (412)."""
    with transaction.atomic():
        response = Response.objects.select_for_update().get(pk=response_id)
        if not response_policy().user_has_permission_for_instance(user, "change", response):
            raise PermissionDenied(
                "You may change only your own organisation's responses: this one is "
                f"{response.reporting_member.display_name}'s."
            )
        if if_match is not None and if_match.strip() not in ("*", version(response)):
            raise HttpError(
                412,
                "This response changed since you read it (its ETag is now "
                f"{version(response)}): read it again, then send your change.",
            )
        _check_reporting_member(user, data.get("reporting_member"))
        payload = {**current_payload(response), **form_payload(user, data, response)}
        return _save(EditAction, user, payload, response)
