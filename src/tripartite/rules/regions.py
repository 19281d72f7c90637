"""GEN-2: the Office's five regions, and the four used by Regional Meetings."""

FIVE_REGIONS = (
    "Africa", "Americas", "Arab States", "Asia and the Pacific", "Europe and Central Asia",
)
PROVISION = "ILO practice; Rules for Regional Meetings (GEN-2)"


def regional_meeting_region(ilo_region: str) -> str:
    """The region a State belongs to for Regional Meetings: the Arab States join Asia.

    Regional Meetings (and the 1986 amendment) use four regions, grouping the Arab
    States with Asia and the Pacific; the other four regions are unchanged.
    """
    if ilo_region not in FIVE_REGIONS:
        raise ValueError(f"unknown ILO region: {ilo_region!r}")
    return "Asia and the Pacific" if ilo_region == "Arab States" else ilo_region
