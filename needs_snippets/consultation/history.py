"""The history of the entries an import wrote, in bulk: per entry one revision (for models
with revisions) and one log entry, as `save_revision` and `log` make them one at a time."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, registry
from wagtail.models import DraftStateMixin, Revision, RevisionMixin, WorkflowMixin, WorkflowState

#: Rows per statement of a bulk write.
BATCH = 1000


def record(written, user, action, data):
    """Record `written` ((change, instance) pairs, in row order) as changed by `user`: a
    revision of each instance's current content (made its latest; a draft's has unpublished
    changes) and a log entry `action` with `data(change)` and that revision."""
    revisions = _save_revisions([instance for _change, instance in written], user)
    _log([(change, instance, revisions.get(id(instance))) for change, instance in written],
         user, action, data)  # fmt: skip


def _save_revisions(instances, user):
    """{id(instance): its new revision}, for the instances with revisions."""
    now = timezone.now()
    revised = [instance for instance in instances if isinstance(instance, RevisionMixin)]
    revisions = Revision.objects.bulk_create(
        (
            Revision(
                content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
                base_content_type=instance.get_base_content_type(),
                object_id=str(instance.pk),
                user=user,
                created_at=now,
                content=instance.serializable_data(),
                object_str=str(instance),
            )
            for instance in revised
        ),
        batch_size=BATCH,
    )
    _restart_workflows(revised, revisions)
    by_model = defaultdict(list)
    for instance, revision in zip(revised, revisions, strict=True):
        instance.latest_revision = revision
        if isinstance(instance, DraftStateMixin):
            instance.has_unpublished_changes = True
        by_model[type(instance)].append(instance)
    for model, objects in by_model.items():
        fields = ["latest_revision"]
        if issubclass(model, DraftStateMixin):
            fields.append("has_unpublished_changes")
        model.objects.bulk_update(objects, fields, batch_size=BATCH)
    return {id(instance): revision for instance, revision in zip(revised, revisions, strict=True)}


def _restart_workflows(instances, revisions):
    """Tell whoever listens for new revisions (a workflow under way starts again) of the
    revisions of entries in a workflow: the only ones it concerns, found in one query."""
    pairs = {
        (revision.base_content_type_id, revision.object_id): revision
        for instance, revision in zip(instances, revisions, strict=True)
        if isinstance(instance, WorkflowMixin)
    }
    if not pairs:
        return
    under_way = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type_id__in={content_type for content_type, _pk in pairs},
        object_id__in={pk for _content_type, pk in pairs},
    ).values_list("base_content_type_id", "object_id")
    for pair in under_way:
        revision = pairs[pair]
        post_save.send(
            Revision, instance=revision, created=True, raw=False, using=revision._state.db
        )


def _log(entries, user, action, data):
    context = get_active_log_context()
    user = user or context.user
    timestamp = timezone.now()
    by_model = defaultdict(list)
    for change, instance, revision in entries:
        model = registry.get_log_model_for_instance(instance)
        if model is None:
            continue
        by_model[model].append(
            model(
                content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
                label=str(instance) or f"{type(instance).__name__} object ({instance.pk})",
                action=action,
                timestamp=timestamp,
                data=data(change),
                user=user,
                uuid=context.uuid,
                revision=revision,
                content_changed=True,
                **object_fields(model, instance),
            )
        )
    for model, objects in by_model.items():
        model.objects.bulk_create(objects, batch_size=BATCH)


def object_fields(model, instance):
    """The fields of a `model` log entry that name `instance`, as its manager's `log_action`
    sets them."""
    own = getattr(model.objects, "object_fields", None)
    return own(instance) if own else {"object_id": str(instance.pk)}
