"""The demo's membership applications, private documents and translations are data files
(iisg_pages/demo_data/), checked on load: a broken file stops the load with a message naming
the file, the entry and what to fix."""

import json
import shutil

import pytest

from iisg_pages import demo_applications, demo_documents, demo_translations
from needs_snippets.demo.rows import DemoDataError


def broken_copy(tmp_path, source, breaks):
    """A copy of the data file `source` (and of the folder named like it, if any), broken by
    `breaks`."""
    data = json.loads(source.read_text(encoding="utf-8"))
    breaks(data)
    path = tmp_path / source.name
    path.write_text(json.dumps(data), encoding="utf-8")
    if source.with_suffix("").is_dir():
        shutil.copytree(source.with_suffix(""), path.with_suffix(""))
    return path


def test_the_applications_file_gives_a_date_and_focal_points_by_pillar():
    read = demo_applications.read()
    assert read["signed_on"].isoformat() == "2026-11-02"
    first, second = read["applications"]
    assert (first["organisation"], first["kind"]) == (
        "Council of Europe",
        "international_organisation",
    )
    assert [point["pillar"] for point in first["focal_points"]] == ["WBCTi", "WBCSCi"]
    assert second["kind"] == "eu_jha_agency"


@pytest.mark.parametrize(
    "breaks, message",
    [
        (
            lambda d: d["applications"][1].pop("applicant_email"),
            "application 2: missing applicant_email",
        ),
        (
            lambda d: d["applications"][0]["focal_points"][1].update(pillar="WBXXi"),
            "application 1, focal point 2: pillar is 'WBXXi'; expected one of WBCTi, ",
        ),
        (
            lambda d: d.update(signed_on="2 November 2026"),
            "signed_on: '2 November 2026' is not a date (YYYY-MM-DD)",
        ),
        (
            lambda d: d["applications"][0].update(kind="wb_partner"),
            "application 1: kind is 'wb_partner'; expected one of ",
        ),
        (
            lambda d: d["applications"][1].update(procedure="vote"),
            "application 2: procedure is 'vote'; expected one of meeting, silent",
        ),
        (
            lambda d: d["applications"][1]["focal_points"][0].pop("email"),
            "application 2, focal point 1: missing email",
        ),
        (lambda d: d["applications"][0].update(organisation=""), "organisation must be a text"),
        (lambda d: d.pop("applications"), "the file: missing applications"),
    ],
)
def test_a_broken_applications_file_names_the_entry(tmp_path, breaks, message):
    path = broken_copy(tmp_path, demo_applications.APPLICATIONS_FILE, breaks)
    with pytest.raises(DemoDataError, match="membership_applications.json") as error:
        demo_applications.read(path)
    assert message in str(error.value)


def test_loading_applications_stops_at_a_broken_file_before_writing(tmp_path, monkeypatch):
    path = broken_copy(
        tmp_path,
        demo_applications.APPLICATIONS_FILE,
        lambda d: d["applications"][0]["focal_points"][0].update(pillar="WBXXi"),
    )
    monkeypatch.setattr(demo_applications, "APPLICATIONS_FILE", path)
    with pytest.raises(DemoDataError, match="application 1, focal point 1: pillar is 'WBXXi'"):
        demo_applications.load_membership_applications()


def test_the_documents_file_gives_each_document_its_text():
    read = demo_documents.read()
    titles = [title for title, _name, _content in read["documents"]]
    assert read["lessons_learnt"] in titles and len(titles) == 3
    assert all("illustrative" in title for title in titles)
    minutes = read["documents"][0]
    assert minutes[1] == "board-minutes-illustrative-example.txt"
    assert minutes[2].startswith(b"ILLUSTRATIVE EXAMPLE for the demonstration site")
    assert minutes[2].endswith(b"3. The Board decides on the final report by unanimity.\n")
    assert "Minutes of the IISG Board meeting, Tirana, 17 March 2022" in read["retired"]


@pytest.mark.parametrize(
    "breaks, message",
    [
        (lambda d: d["documents"][1].pop("file"), "document 2: missing file"),
        (
            lambda d: d["documents"][0].update(file="missing.txt"),
            "document 1: 'missing.txt' is not a file in ",
        ),
        (
            lambda d: d["documents"][0].update(file="../private_documents.json"),
            "document 1: '../private_documents.json' is not a file in ",
        ),
        (
            lambda d: d["documents"][2].update(title="Lessons learnt (draft)"),
            "document 3: the title 'Lessons learnt (draft)' must say that the document is "
            "illustrative",
        ),
        (
            lambda d: d.update(lessons_learnt="Lessons learnt"),
            "lessons_learnt: the title is 'Lessons learnt'; expected one of ",
        ),
        (lambda d: d.update(retired="Minutes"), "retired: expected a list, not 'Minutes'"),
    ],
)
def test_a_broken_documents_file_names_the_document(tmp_path, breaks, message):
    path = broken_copy(tmp_path, demo_documents.DOCUMENTS_FILE, breaks)
    with pytest.raises(DemoDataError, match="private_documents.json") as error:
        demo_documents.read(path)
    assert message in str(error.value)


def test_a_document_whose_text_does_not_say_it_is_illustrative_is_refused(tmp_path):
    path = broken_copy(tmp_path, demo_documents.DOCUMENTS_FILE, lambda d: None)
    (path.with_suffix("") / "board-minutes-illustrative-example.txt").write_text("Minutes\n")
    with pytest.raises(DemoDataError, match="document 1: the text of board-minutes"):
        demo_documents.read(path)


def test_loading_documents_stops_at_a_broken_file_before_writing(tmp_path, monkeypatch):
    path = broken_copy(tmp_path, demo_documents.DOCUMENTS_FILE, lambda d: d.pop("retired"))
    monkeypatch.setattr(demo_documents, "DOCUMENTS_FILE", path)
    with pytest.raises(DemoDataError, match="the file: missing retired"):
        demo_documents.load_private_documents()


@pytest.mark.parametrize(
    "breaks, message",
    [
        (lambda d: d.pop("strings"), "the file: missing strings"),
        (lambda d: d.update(strings=["About IISG"]), "strings: expected an object"),
        (
            lambda d: d["strings"].update({"About IISG": " "}),
            "strings, 'About IISG': the translation must be a text",
        ),
    ],
)
def test_a_broken_translations_file_names_the_entry(tmp_path, breaks, message):
    path = broken_copy(tmp_path, demo_translations.TRANSLATIONS_DIR / "sq.json", breaks)
    with pytest.raises(DemoDataError, match="sq.json") as error:
        demo_translations.read_strings(path)
    assert message in str(error.value)


@pytest.mark.django_db
def test_translating_the_demo_stops_at_a_broken_file(tmp_path, monkeypatch):
    (tmp_path / "sq.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(demo_translations, "TRANSLATIONS_DIR", tmp_path)
    with pytest.raises(DemoDataError, match="sq.json, the file: cannot be read as JSON"):
        demo_translations.load_demo_translations()
