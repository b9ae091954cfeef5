"""The book's findings that several pages state, computed once here so that the pages cannot
disagree: the national action plans when the conference opened and at the latest count, what
became of the items asked for, and the record's reach.

Each takes the tables of :func:`sourcedata.load_package` and needs the tables it names.
"""
from __future__ import annotations

import pandas as pd

from sourcedata import followup, naps


def conference(data: dict[str, pd.DataFrame]) -> pd.Series:
    """The conference's row of ``milestones``: its first day is the cut-off of the 2010 counts."""
    return data["milestones"].set_index("milestone_id").loc["conference"]


def plans_at_opening(data: dict[str, pd.DataFrame]) -> tuple[int, int]:
    """Fewest and most countries that can have had a national action plan on resolution 1325
    when the conference opened (``milestones``, ``national_action_plans``)."""
    return naps.count_range(naps.status_by_country(data["national_action_plans"], conference(data)["start"]))


def latest_plan_count(data: dict[str, pd.DataFrame]) -> pd.Series:
    """The latest stated count of countries with a plan (``statistics``, ``later_statistics``)."""
    return followup.latest_count(followup.stated_counts(data["statistics"], data["later_statistics"]))


def followup_counts(data: dict[str, pd.DataFrame]) -> dict[str, int]:
    """How many items have each follow-up status, by code (``followup_status``)."""
    return {code: int(n) for code, n in data["followup_status"]["status"].value_counts().items()}


def newest_source(data: dict[str, pd.DataFrame]) -> str:
    """When the newest source that is not the book's own coding appeared, as the data gives it
    (``sources``): the end of the record."""
    sources = data["sources"]
    return sources.loc[sources["kind"] != "editorial", "published"].dropna().max()


def resolutions_naming_rtop(data: dict[str, pd.DataFrame]) -> list[int]:
    """The WPS resolutions shown naming the responsibility to protect in the parts read
    (``resolution_language``)."""
    language = data["resolution_language"]
    return sorted(set(language.loc[language["rtop_named"] == "seen", "resolution"]))


def resolutions_read_for_rtop(data: dict[str, pd.DataFrame]) -> list[int]:
    """The WPS resolutions whose parts read were checked for the words "responsibility to
    protect" (``resolution_language``): a claim that none names RtoP reaches no further."""
    language = data["resolution_language"]
    return sorted(set(language.loc[language["rtop_named"] != "not checked", "resolution"]))


def wps_resolutions_on_icrtop_list(data: dict[str, pd.DataFrame]) -> int:
    """How many WPS resolutions ICRtoP's list of Council resolutions that refer to RtoP holds
    (``later_statistics``)."""
    return int(data["later_statistics"].set_index("stat_id").loc["icrtop-list-wps", "value"])


def icrtop_list_described(data: dict[str, pd.DataFrame]) -> str:
    """What the record says of ICRtoP's list itself: it is undated, and the latest text it
    names (``later_statistics``, the row's locator)."""
    return data["later_statistics"].set_index("stat_id").loc["icrtop-list-wps", "locator"]


def first_joined(data: dict[str, pd.DataFrame]) -> pd.Series:
    """For each kind of actor that joined the two agendas by name, the year it first did
    (``later_milestones``)."""
    later = data["later_milestones"]
    return later[later["track"] == "Both agendas"].groupby("actor")["start"].min().dt.year


def report_on_women(data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The Secretary-General's 2020 report on RtoP, devoted to women (``later_milestones``)."""
    later = data["later_milestones"]
    return later[(later["start"].dt.year == 2020) & later["event"].str.contains("Secretary-General")
                 & later["event"].str.contains("women")]


def items_by_set(data: dict[str, pd.DataFrame]) -> dict[str, int]:
    """How many items each set of proposals holds, by ``made_by`` (``recommendations``)."""
    return {made_by: int(n) for made_by, n in data["recommendations"]["made_by"].value_counts().items()}
