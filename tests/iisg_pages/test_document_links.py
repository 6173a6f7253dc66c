"""A document only members may open is never named on a page anyone may read: the editor is
told on saving, and a document made members-only after it was linked is not shown there."""

import json

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from iisg_pages import page_cache
from iisg_pages.members.access import private_collection
from iisg_pages.models import StandardPage
from needs_snippets.roles import MEMBERS
from tests.admin_forms import opened_form
from tests.factories import UserFactory
from tests.pages import publish


def document(title, collection=None):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4", name="file.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


def save(client, page, body):
    """The Secretariat saves `page`'s draft with `body` (stream children) in the editor."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {**opened_form(client, url), **nested_form_data({"body": streamfield(body)})}
    return client.post(url, data)


def test_a_public_page_may_not_link_a_members_only_document(secretariat_client, site_tree):
    minutes = document("Board minutes", private_collection())
    about = site_tree["about"]
    revisions = about.revisions.count()
    for body in (
        [("document", {"document": minutes.pk, "title": ""})],
        [("paragraph", rich_text(f'<p><a linktype="document" id="{minutes.pk}">It</a></p>'))],
    ):
        response = save(secretariat_client, about, body)
        assert response.status_code == 200  # the form again, with the error
        [error] = response.context["form"].errors["body"]
        assert "Only members may open “Board minutes” (its collection is restricted)" in error
    assert about.revisions.count() == revisions  # nothing saved


def test_a_public_document_and_a_members_page_link_as_before(secretariat_client, site_tree):
    statute = document("Statute of the IISG")
    about = site_tree["about"]
    response = save(secretariat_client, about, [("document", {"document": statute.pk})])
    assert response.status_code == 302

    minutes = document("Board minutes", private_collection())
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=MEMBERS)])
    response = save(secretariat_client, about, [("document", {"document": minutes.pk})])
    assert response.status_code == 302


def test_a_document_made_members_only_after_it_was_linked_is_not_shown(client, site_tree):
    statute = document("Statute of the IISG")
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    about.body = json.dumps([{"type": "document", "value": {"document": statute.pk}}])
    about.save_revision().publish()
    assert "Statute of the IISG" in client.get(about.url).content.decode()

    statute.collection = private_collection()
    statute.save()
    page = client.get(about.url + "?fresh").content.decode()
    assert "Statute of the IISG" not in page and "/documents/" not in page


def test_a_rich_text_link_to_a_members_only_document_names_nothing(client, site_tree):
    minutes = document("Board minutes", Collection.get_first_root_node())
    minutes.file.save("board-minutes-march.pdf", ContentFile(b"%PDF-1.4 minutes"))
    about = StandardPage.objects.get(pk=site_tree["about"].pk)
    link = f'<p>Read <a linktype="document" id="{minutes.pk}">the minutes</a>.</p>'
    about.body = json.dumps([{"type": "paragraph", "value": link}])
    about.save_revision().publish()
    assert minutes.url in client.get(about.url).content.decode()

    minutes.collection = private_collection()
    minutes.save()
    page = client.get(about.url + "?fresh").content.decode()
    nameless = reverse("members_document", args=[minutes.pk])
    assert f'<a href="{nameless}">the minutes</a>' in page
    assert "board-minutes" not in page

    # A visitor who follows it is asked to sign in, and comes back to the nameless address.
    response = client.get(nameless)
    assert response.status_code == 302
    assert "/login/" in response["Location"] and "board-minutes" not in response["Location"]
    assert response["Location"].endswith("next=" + nameless)

    client.force_login(UserFactory(groups=[MEMBERS]))
    response = client.get(nameless)
    assert response.status_code == 302 and response["Location"] == minutes.url
    assert client.get(minutes.url).status_code == 200
    assert client.get(reverse("members_document", args=[minutes.pk + 1000])).status_code == 404


def test_a_kept_report_article_forgets_a_document_made_members_only(
    client, site_tree, django_capture_on_commit_callbacks
):
    """The report's article is kept between requests; moving a document it links into the
    Members collection, one by one or in bulk, renders it afresh without the file's name."""
    statute = document("Statute of the IISG")
    statute.file.save("iisg-statute.pdf", ContentFile(b"%PDF-1.4 statute"))
    annex = document("Annex", Collection.get_first_root_node())
    annex.file.save("annex-of-the-statute.pdf", ContentFile(b"%PDF-1.4 annex"))
    report = site_tree["report"]
    links = "".join(f'<a linktype="document" id="{d.pk}">{d.title}</a> ' for d in (statute, annex))
    report.body = json.dumps([{"type": "chapter", "value": {
        "kind": "chapter", "title": "Introduction", "pillar": None,
        "body": [{"type": "paragraph", "value": f"<p>{links}</p>"}]}}])  # fmt: skip
    report.save_revision()
    report = publish(report, django_capture_on_commit_callbacks)
    assert statute.url in client.get(report.url).content.decode()

    statute.collection = private_collection()
    statute.save()
    page = client.get(report.url).content.decode()
    assert statute.filename not in page and annex.url in page

    secretariat = UserFactory(username="secretariat-editor", groups=["Secretariat"])
    client.force_login(secretariat)
    bulk = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
    answer = client.post(f"{bulk}?id={annex.pk}", {"collection": private_collection().pk})
    assert answer.status_code == 302
    client.logout()
    assert annex.filename not in client.get(report.url).content.decode()


def test_a_collection_made_members_only_forgets_the_kept_pages_and_articles(site_tree):
    """A restriction on a collection changes what pages may show of its documents: the kept
    pages and report articles (keyed by the privacy version) are not served again."""
    before = page_cache.privacy_version()
    collection = Collection.get_first_root_node().add_child(name="Drafts")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    after_adding = page_cache.privacy_version()
    restriction.delete()
    assert before != after_adding != page_cache.privacy_version()
