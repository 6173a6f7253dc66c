"""{% demo_banner %}: the "Demonstration data" banner, when the database holds demo data."""

from django import template

from .. import demo_banner as banner

register = template.Library()


@register.inclusion_tag("iisg_pages/includes/demo_banner.html", takes_context=True)
def demo_banner(context, variant="site"):
    """The banner for the public site and members area ("site"), the Wagtail admin ("admin") or
    the report PDF ("pdf"); nothing when it is not to be shown."""
    return {
        "show": banner.banner_shown(context.get("request")),
        "variant": variant,
        "title": banner.TITLE,
        "text": banner.TEXT,
    }


@register.simple_tag(takes_context=True)
def demo_banner_shown(context):
    """Whether the banner shows on this request: `{% demo_banner_shown as shown %}`."""
    return banner.banner_shown(context.get("request"))
