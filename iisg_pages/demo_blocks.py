"""StreamField blocks of the demo's pages and report, as the JSON their bodies hold."""

import uuid

#: The namespace of the ids of the blocks inside a chapter (Wagtail gives ids only to the
#: top-level blocks of raw JSON; wagtail-localize needs one on every block it translates).
BLOCK_IDS = uuid.UUID("4f8a1c3e-2b7d-4e6a-9c0f-5d1e8b2a7c64")


def paragraph(*paragraphs):
    return {"type": "paragraph", "value": "".join(f"<p>{text}</p>" for text in paragraphs)}


def bullets(intro, items):
    return {
        "type": "paragraph",
        "value": f"<p>{intro}</p><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    }


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def data_filters(pillar=None, regional_only=False):
    return {
        "pillar": pillar.pk if pillar else None,
        "axis": None,
        "area": None,
        "partner": "",
        "regional_only": regional_only,
    }


def needs_table(caption, pillar=None, regional_only=False):
    return {
        "type": "needs_table",
        "value": {**data_filters(pillar, regional_only), "caption": caption},
    }


def edition_comparison(pillar=None, partner="", heading=""):
    return {
        "type": "edition_comparison",
        "value": {"pillar": pillar.pk if pillar else None, "partner": partner, "heading": heading},
    }


def key_figure(figure, sentence, pillar=None):
    return {
        "type": "key_figure",
        "value": {**data_filters(pillar), "figure": figure, "sentence": sentence},
    }


def chart(kind, pillar=None):
    return {"type": "chart", "value": {**data_filters(pillar), "chart": kind}}


def chapter(title, blocks, kind="chapter", pillar=None):
    return {
        "type": "chapter",
        "value": {
            "kind": kind,
            "title": title,
            "pillar": pillar.pk if pillar else None,
            "body": [
                {**block, "id": str(uuid.uuid5(BLOCK_IDS, f"{title}/{index}/{block['type']}"))}
                for index, block in enumerate(blocks)
            ],
        },
    }
