"""Membership as the methodology says.

- Focal points: each pillar's focal point of an application becomes an `ApplicationFocalPoint`
  with its own name, e-mail and telephone. The former fields held a name only: the migrated
  focal points keep that name with an EMPTY e-mail and telephone. They are not given the
  applicant's address (approving an application used to give every focal point the applicant's
  address, the fault this migration ends). The model allows an empty e-mail and telephone for
  these rows; every form (public and admin) requires both, so the Secretariat completes them
  when it next edits the application, and approval creates member focal points only for those
  with an e-mail (the others are named in the approval's log entry). Each application's latest revision is
  given the same focal points, so that what is edited and published carries them.
- Signature block: function of the signatory, the confirmation that the signatory is entitled to
  sign (False, "not confirmed", for applications filed before it was asked) and, for EU JHA
  agencies, the day the Board was notified.
- Lead partners: each pillar's lead partners become lead roles (`PillarRole`) with unknown dates;
  the Secretariat marks co-lead partners and dates in the pillar's admin. `Pillar.lead_partners`
  stays, kept from the roles held today.
- Members: `membership_basis` from the kind (Western Balkans partner, Commission/EEAS, EU JHA
  agency) or an approved application; otherwise "not recorded". The Secretariat's host and
  former lead partners are recorded automatically once entered.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.db import migrations, models

OLD_FIELDS = {
    "WBCTi": "focal_point_wbcti",
    "WBCSCi": "focal_point_wbcsci",
    "WBBSi": "focal_point_wbbsi",
}
BASIS_OF_KIND = {
    "wb_partner": "wb_partner",
    "eu_institution": "ec_eeas",
    "eu_jha_agency": "jha_notification",
}
GRANTS = {
    "Secretariat": ["add", "change", "delete", "view"],
    "Board": ["view"],
    "Support Group WBCTi": ["view"],
    "Support Group WBCSCi": ["view"],
    "Support Group WBBSi": ["view"],
}
NEW_REGISTRIES = {"pillarrole": "pillar role", "secretariathost": "Secretariat host"}


def move_focal_points(apps, schema_editor):
    Application = apps.get_model("needs_snippets", "MembershipApplication")
    ApplicationFocalPoint = apps.get_model("needs_snippets", "ApplicationFocalPoint")
    Pillar = apps.get_model("needs_snippets", "Pillar")
    Revision = apps.get_model("wagtailcore", "Revision")
    pillars = {pillar.code: pillar for pillar in Pillar.objects.all()}

    def pillar_of(application, code):
        if code not in pillars:
            raise RuntimeError(
                f"The application of {application.organisation} (id {application.pk}) names a "
                f"focal point for {code}, but no pillar has that code: create the pillar and "
                "migrate again."
            )
        return pillars[code]

    for application in Application.objects.all():
        created = {}
        for order, (code, field) in enumerate(OLD_FIELDS.items()):
            name = (getattr(application, field) or "").strip()
            if name:
                created[code] = ApplicationFocalPoint.objects.create(
                    application=application,
                    pillar=pillar_of(application, code),
                    name=name,
                    email="",
                    phone="",
                    sort_order=order,
                )
        revision = Revision.objects.filter(pk=application.latest_revision_id).first()
        if revision is None:
            continue
        content = dict(revision.content)
        children = []
        for order, (code, field) in enumerate(OLD_FIELDS.items()):
            name = (content.pop(field, "") or "").strip()
            if not name:
                continue
            same = created.get(code)
            children.append(
                {
                    "pk": same.pk if same and same.name == name else None,
                    "application": application.pk,
                    "pillar": pillar_of(application, code).pk,
                    "name": name,
                    "email": "",
                    "phone": "",
                    "sort_order": order,
                }
            )
        content.setdefault("focal_points", children)
        content.setdefault("signatory_function", "")
        content.setdefault("signatory_entitled", False)
        revision.content = content
        revision.save(update_fields=["content"])


def restore_focal_point_names(apps, schema_editor):
    ApplicationFocalPoint = apps.get_model("needs_snippets", "ApplicationFocalPoint")
    for contact in ApplicationFocalPoint.objects.select_related("application", "pillar"):
        field = OLD_FIELDS.get(contact.pillar.code)
        if field:
            setattr(contact.application, field, contact.name[:255])
            contact.application.save(update_fields=[field])


def lead_partners_to_roles(apps, schema_editor):
    Pillar = apps.get_model("needs_snippets", "Pillar")
    PillarRole = apps.get_model("needs_snippets", "PillarRole")
    for pillar in Pillar.objects.all():
        for member in pillar.lead_partners.all():
            PillarRole.objects.get_or_create(
                pillar=pillar, member=member, role="lead", start=None, end=None
            )


def roles_to_lead_partners(apps, schema_editor):
    Pillar = apps.get_model("needs_snippets", "Pillar")
    for pillar in Pillar.objects.all():
        pillar.lead_partners.set(
            role.member for role in pillar.roles.filter(role="lead", end__isnull=True)
        )


def record_membership_basis(apps, schema_editor):
    Member = apps.get_model("needs_snippets", "Member")
    Application = apps.get_model("needs_snippets", "MembershipApplication")
    approved = set(
        Application.objects.filter(status="approved", member__isnull=False).values_list(
            "member_id", flat=True
        )
    )
    for member in Member.objects.all():
        basis = BASIS_OF_KIND.get(member.kind) or ("board_approval" if member.pk in approved else "")
        if basis != member.membership_basis:
            member.membership_basis = basis
            member.save(update_fields=["membership_basis"])


def grant_registry_permissions(apps, schema_editor):
    """The Secretariat keeps pillar roles and the Secretariat's hosts; the Board and the Support
    Groups read them, as every other registry."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for model, verbose_name in NEW_REGISTRIES.items():
        content_type, _ = ContentType.objects.get_or_create(
            app_label="needs_snippets", model=model
        )
        for group_name, actions in GRANTS.items():
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {verbose_name}"},
                )
                group.permissions.add(permission)


def revoke_registry_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for model in NEW_REGISTRIES:
        Permission.objects.filter(
            content_type__app_label="needs_snippets", content_type__model=model
        ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('needs_snippets', '0009_board_seats'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='member',
            name='membership_basis',
            field=models.CharField(blank=True, choices=[('', 'Not recorded'), ('wb_partner', 'Western Balkans partner'), ('board_approval', 'Approved by the Board'), ('ec_eeas', 'European Commission / EEAS'), ('jha_notification', 'EU JHA agency, upon notification to the Board'), ('former_lead_partner', 'Automatic: former lead partner'), ('secretariat_host', 'Automatic: host of the Secretariat')], default='', help_text="Why the organisation is a member. Set automatically for Western Balkans partners, the Commission/EEAS, EU JHA agencies, the Secretariat's host and former lead partners, and on approval of an application; choose “Approved by the Board” for members admitted before their applications were kept here.", max_length=32, verbose_name='member as'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='board_notified_on',
            field=models.DateField(blank=True, editable=False, help_text="EU JHA agencies: the day the application was sent to the Board's seats.", null=True, verbose_name='Board notified on'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='signatory_entitled',
            field=models.BooleanField(default=False, verbose_name='the signatory is entitled to sign on behalf of the organisation'),
        ),
        migrations.AddField(
            model_name='membershipapplication',
            name='signatory_function',
            field=models.CharField(default='', help_text="The signatory's position in the organisation.", max_length=255, verbose_name='function of the signatory'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='applicant_email',
            field=models.EmailField(help_text='Where the Secretariat writes about this application.', max_length=254, verbose_name='e-mail for the reply'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='applicant_name',
            field=models.CharField(max_length=255, verbose_name='name of the signatory'),
        ),
        migrations.AlterField(
            model_name='membershipapplication',
            name='signed_on',
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name='date of signature'),
        ),
        migrations.AlterField(
            model_name='pillar',
            name='lead_partners',
            field=models.ManyToManyField(blank=True, editable=False, related_name='led_pillars', to='needs_snippets.member', verbose_name='lead and co-lead partners today'),
        ),
        migrations.CreateModel(
            name='ApplicationFocalPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                ('phone', models.CharField(blank=True, max_length=40, validators=[django.core.validators.RegexValidator('^\\+?(?:[\\s()./-]*\\d){6,}[\\s()./-]*$', 'Enter a telephone number in digits, with its country code (e.g. +381 …); spaces, brackets, dots, slashes and hyphens may separate the digits.')], verbose_name='telephone')),
                ('application', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='focal_points', to='needs_snippets.membershipapplication')),
                ('pillar', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='needs_snippets.pillar', verbose_name='pillar')),
            ],
            options={
                'verbose_name': 'focal point',
                'verbose_name_plural': 'focal points',
                'ordering': ['sort_order'],
                'abstract': False,
                'constraints': [models.UniqueConstraint(fields=('application', 'pillar'), name='application_focal_point_one_per_pillar', violation_error_message='One focal point per pillar: remove the second one.')],
            },
        ),
        migrations.CreateModel(
            name='PillarRole',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('lead', 'Lead partner'), ('co_lead', 'Co-lead partner')], default='lead', max_length=16, verbose_name='role')),
                ('start', models.DateField(blank=True, help_text='Leave empty if the date is not known.', null=True, verbose_name='from')),
                ('end', models.DateField(blank=True, help_text='The last day in the role; empty while it lasts.', null=True, verbose_name='until')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pillar_roles', to='needs_snippets.member', verbose_name='organisation')),
                ('pillar', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='roles', to='needs_snippets.pillar', verbose_name='pillar')),
            ],
            options={
                'verbose_name': 'pillar role',
                'verbose_name_plural': 'pillar roles',
                'ordering': ['pillar__sort_order', '-role', models.OrderBy(models.F('start'), nulls_first=True)],
                'constraints': [models.CheckConstraint(condition=models.Q(('start__isnull', True), ('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='pillar_role_end_not_before_start', violation_error_message='A role cannot end before it starts: correct the end date.')],
            },
        ),
        migrations.CreateModel(
            name='SecretariatHost',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateField(verbose_name='hosts the Secretariat from')),
                ('end', models.DateField(blank=True, null=True, verbose_name='until')),
                ('decision', models.CharField(blank=True, help_text='Where and when the hosting was decided, e.g. the Board meeting.', max_length=255, verbose_name='decided')),
                ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='secretariat_hostings', to='needs_snippets.member', verbose_name='host')),
            ],
            options={
                'verbose_name': 'Secretariat host',
                'verbose_name_plural': 'Secretariat hosts',
                'ordering': ['-start'],
                'constraints': [models.CheckConstraint(condition=models.Q(('start__isnull', True), ('end__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='secretariat_host_end_not_before_start', violation_error_message='A hosting cannot end before it starts: correct the end date.')],
            },
        ),
        migrations.RunPython(move_focal_points, restore_focal_point_names),
        migrations.RunPython(lead_partners_to_roles, roles_to_lead_partners),
        migrations.RunPython(record_membership_basis, migrations.RunPython.noop),
        migrations.RunPython(grant_registry_permissions, revoke_registry_permissions),
        migrations.RemoveField(
            model_name='membershipapplication',
            name='focal_point_wbbsi',
        ),
        migrations.RemoveField(
            model_name='membershipapplication',
            name='focal_point_wbcsci',
        ),
        migrations.RemoveField(
            model_name='membershipapplication',
            name='focal_point_wbcti',
        ),
        # The lead partners are now the pillar's roles (PillarRole), read where they are shown.
        migrations.RemoveField(
            model_name='pillar',
            name='lead_partners',
        ),
    ]
