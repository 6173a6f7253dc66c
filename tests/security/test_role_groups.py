"""Only IISG Hub's roles hold permissions on pages and collections: Wagtail's example groups
("Editors", "Moderators") would reach the members' private documents and edit any page. The
Secretariat keeps the documents and images, and bulk actions never name what a role may not act
on."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from iisg_pages.members.access import private_collection
from iisg_pages.models import StandardPage
from needs_snippets.roles import BOARD, MEMBERS, SECRETARIAT, SUPPORT_GROUPS
from tests import factories as f

ROLES = {SECRETARIAT, BOARD, MEMBERS, *SUPPORT_GROUPS.values()}
removal = import_module("iisg_pages.migrations.0018_without_wagtails_default_groups")


def test_only_the_roles_hold_page_and_collection_permissions(db):
    holders = {p.group.name for p in GroupPagePermission.objects.select_related("group")} | {
        p.group.name for p in GroupCollectionPermission.objects.select_related("group")
    }
    assert holders and holders <= ROLES
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_a_default_group_someone_is_in_stays_without_permissions(db):
    root_collection, root_page = Collection.get_first_root_node(), Page.get_first_root_node()
    change_document = Permission.objects.get(codename="change_document")
    editors, moderators = (
        Group.objects.create(name="Editors"),
        Group.objects.create(name="Moderators"),
    )
    for group in (editors, moderators):
        GroupCollectionPermission.objects.create(
            group=group, collection=root_collection, permission=change_document
        )
        GroupPagePermission.objects.create(
            group=group, page=root_page, permission=Permission.objects.get(codename="change_page")
        )
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    f.UserFactory(username="kept-editor", groups=["Editors"])

    removal.remove_default_groups(apps, None)

    editors.refresh_from_db()
    assert not editors.permissions.exists()
    assert not GroupCollectionPermission.objects.filter(group=editors).exists()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert not Group.objects.filter(name="Moderators").exists()


def test_the_secretariat_keeps_the_members_documents_and_members_do_not(client, db):
    collection = private_collection()
    client.force_login(f.UserFactory(username="sec", groups=[SECRETARIAT]))
    upload = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes of the Support Group")
    response = client.post(
        "/admin/documents/add/",
        {"title": "Support Group minutes", "file": upload, "collection": collection.pk},
    )
    assert response.status_code == 302
    minutes = get_document_model().objects.get(title="Support Group minutes")
    assert minutes.collection == collection
    assert "Support Group minutes" in client.get("/admin/documents/").content.decode()

    client.force_login(f.UserFactory(username="member", groups=[MEMBERS]))
    refused = client.get("/admin/documents/", follow=True)
    assert refused.redirect_chain == [("/admin/", 302)]
    assert "Support Group minutes" not in refused.content.decode()


def test_bulk_actions_never_name_what_the_user_may_not_act_on(client, site_tree):
    minutes = get_document_model().objects.create(
        title="Support Group minutes", file=ContentFile(b"%PDF-1.4", name="minutes.pdf")
    )
    draft = site_tree["about"].add_child(instance=StandardPage(title="Draft plan", live=False))
    client.force_login(f.UserFactory(username="board-member", groups=[BOARD]))
    for url in (
        f"/admin/bulk/wagtaildocs/document/delete/?id={minutes.pk}",
        f"/admin/bulk/wagtaildocs/document/add_to_collection/?id={minutes.pk}",
        f"/admin/bulk/wagtailcore/page/delete/?id={draft.pk}&childOf={draft.get_parent().pk}",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        content = page.content.decode()
        assert "(1)" in content, url  # counted
        assert "Support Group minutes" not in content and "Draft plan" not in content, url
