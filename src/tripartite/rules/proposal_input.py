"""Bad input in a proposal: refused outright, never a finding.

What makes a proposal unacceptable even as a draft (an end before the start, a negative number
or amount, an unknown currency, language or country), as opposed to the rules of
``proposals``, whose findings the secretariat may switch off or soften.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from tripartite.rules import dates
from tripartite.rules.catalogue import text
from tripartite.rules.proposals import COMPOSITION_FIELDS, Proposal


def _codes(listed: str) -> frozenset[str]:
    return frozenset(listed.split())


# ISO 4217 codes of currencies in circulation (2025), plus the SDR (XDR). Fund codes
# (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals, bond units and the codes
# for testing or "no currency" are left out: nobody finances a meeting in them.
CURRENCIES = _codes("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XDR XOF XPF YER ZAR ZMW ZWG
""")

# ISO 639-1 language codes.
LANGUAGE_CODES = _codes("""
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy
hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg
li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or
os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""")


@dataclass(frozen=True)
class Problem:
    field: str
    message: dict[str, str]

    def message_in(self, language: str) -> str:
        return self.message.get(language) or self.message["en"]


def input_problems(proposal: Proposal, *, known_countries: Iterable[str] | None = None
                   ) -> list[Problem]:
    """What makes the proposal unacceptable even as a draft: an end before the start, a
    negative number or amount, an unknown currency, an unknown country. ``known_countries``
    (ISO 3166-1 alpha-2) is None when the caller does not check countries."""
    problems = []
    if proposal.start and proposal.end and proposal.end < proposal.start:
        problems.append(Problem("end", text(
            "The meeting ends (%(end)s) before it starts (%(start)s).",
            end=dates.written(proposal.end), start=dates.written(proposal.start))))
    composition = proposal.composition
    for name in COMPOSITION_FIELDS:
        value = getattr(composition, name)
        if value is not None and value < 0:
            problems.append(Problem(name, text(
                "A number of participants cannot be negative (%(name)s: %(value)s).",
                name=name, value=value)))
    women, persons = composition.resource_persons_women, composition.resource_persons
    if women is not None and persons is not None and women > persons:
        problems.append(Problem("resource_persons_women", text(
            "Resource persons: %(persons)s, of whom women: %(women)s — impossible.",
            women=women, persons=persons)))
    for funding in proposal.financing:
        if funding.amount is not None and funding.amount < 0:
            problems.append(Problem("amount", text(
                "An amount cannot be negative: %(amount)s.",
                amount=str(funding.amount))))
        if funding.currency and funding.currency not in CURRENCIES:
            problems.append(Problem("currency", text(
                "Unknown currency: %(currency)s (an ISO 4217 code such as USD, EUR or CHF is "
                "expected).",
                currency=funding.currency)))
    unknown_languages = [code for code in proposal.languages if code not in LANGUAGE_CODES]
    if unknown_languages:
        codes = ", ".join(unknown_languages)
        problems.append(Problem("languages", text(
            "Unknown language code: %(codes)s (ISO 639-1, e.g. en, fr, es).",
            codes=codes)))
    if known_countries is not None:
        known = set(known_countries)
        if proposal.place.country and proposal.place.country not in known:
            problems.append(Problem("country", _unknown_countries([proposal.place.country])))
        unknown = [code for code in proposal.coverage if code not in known]
        if unknown:
            problems.append(Problem("coverage", _unknown_countries(unknown)))
    return problems


def _unknown_countries(codes: list[str]) -> dict[str, str]:
    listed = ", ".join(codes)
    return text(
        "Unknown country: %(listed)s (an ISO 3166-1 alpha-2 code of a member State is expected).",
        listed=listed)


