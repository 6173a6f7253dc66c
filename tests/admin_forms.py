"""Admin forms as a browser posts them."""

from bs4 import BeautifulSoup


def opened_form(client, url):
    """What the edit form would post as the browser shows it."""
    html = BeautifulSoup(client.get(url).content, "html.parser")
    form = html.find("form", attrs={"data-edit-form": True})
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
            data[name] = chosen if field.has_attr("multiple") else (chosen[0] if chosen else "")
        else:
            data[name] = field.get("value", "")
    return data


def inline_forms(prefix, rows, initial=0):
    """POST data of an InlinePanel (a modelcluster formset) holding `rows` (dicts of fields)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data
