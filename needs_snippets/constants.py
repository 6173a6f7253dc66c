"""Fixed vocabularies of the secure database: designations, IATI code lists, ISO 4217."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.designation import KOSOVO_COUNTRY_CODE, KOSOVO_FOOTNOTE

__all__ = ["KOSOVO_COUNTRY_CODE", "KOSOVO_FOOTNOTE"]  # and the vocabularies below


class IATIOrganisationRole(models.IntegerChoices):
    """IATI OrganisationRole code list: what a participating organisation does."""

    FUNDING = 1, _("Funding")
    ACCOUNTABLE = 2, _("Accountable")
    EXTENDING = 3, _("Extending")
    IMPLEMENTING = 4, _("Implementing")


class IATIActivityStatus(models.IntegerChoices):
    """IATI ActivityStatus code list."""

    PIPELINE = 1, _("Pipeline/identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


# Active ISO 4217 currency codes (alphabetic), as published by the maintenance agency.
ISO_4217_CODES = (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN "
    "BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
    "GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS "
    "KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR "
    "MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD "
    "RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP "
    "TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW "
    "ZWG"
).split()
CURRENCY_CHOICES = [(code, code) for code in ISO_4217_CODES]
