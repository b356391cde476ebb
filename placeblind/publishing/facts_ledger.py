"""The facts the claims-ledger chapter glues into its prose: the number of
claims by verdict, the rule set's margins, the noise that calibrates the
two-vintage rule and what that rule moves (literal glue names)."""

from __future__ import annotations

from ..analysis.vintage_noise import vintage_noise
from ..cache import cached
from ..claims import rules
from ..claims.ledger import claims_ledger
from ..claims.vintage_rule import vintage_rule_changes
from .guards import require


@cached(disk=True)
def ledger_chapter_facts() -> dict:
    """The claims-ledger chapter: the number of claims by verdict, the rule set's
    margins, the noise that calibrates the two-vintage rule and what that rule moves."""
    ledger = claims_ledger()
    noise = vintage_noise()
    graded = ledger[ledger["verdict_2017"] != ""]
    order = list(rules.VERDICTS)
    better = [rules.better_of(a, b) for a, b in zip(graded["verdict_2017"], graded["verdict_2019"])]
    worse = [rules.worst([a, b]) for a, b in zip(graded["verdict_2017"], graded["verdict_2019"])]
    lowered = [c for c, v, b in zip(graded["claim_id"], graded["verdict"], better) if order.index(v) > order.index(b)]
    lifted = [c for c, v, w in zip(graded["claim_id"], graded["verdict"], worse) if order.index(v) < order.index(w)]
    by_id = ledger.set_index("claim_id")

    changes = vintage_rule_changes()
    by_rule = changes.set_index("claim_id")
    otherwise = changes[changes["decided_otherwise"]]

    def graded_text(claim_id: str) -> str:
        row = by_rule.loc[claim_id]
        return (f"{claim_id}: 2017 {row['verdict_2017']}, 2019 {row['verdict_2019']}, the mean of the values "
                f"{row['mean_values']}")
    require(abs(noise["share_middle_between"] - 1 / 3) < 0.1,
            "the middle year lies between the years either side ... about the third that pure noise would give")
    require(noise["median_one_year"] > 0.75 * noise["median_two_year"],
            "an LQ moves about as far in one year ... as in two")
    require(all(by_id.loc["P15", f"verdict_{v}"] == "close" for v in (2017, 2019)),
            "P15 ... holds in fewer than half of the districts, and the row is close only because each sector "
            "on its own is in the band in most districts")
    require(all(by_id.loc["P13", f"verdict_{v}"] == "close" for v in (2017, 2019)),
            "P13 ... several sit within the share margin of the national figure, so only the contrast with "
            "Cambridgeshire and Peterborough holds")
    split = ("P17", "P28", "P31", "P39")
    return {
        "ledger_p13": graded_text("P13"),
        "ledger_p15": graded_text("P15"),
        "ledger_p17_p28_p31_p39": "; ".join(graded_text(c) for c in split),
        "rule_share_margin": rules.SHARE_MARGIN_PP,
        "rule_lq_margin": rules.LQ_MARGIN,
        "rule_correlation_margin": rules.CORRELATION_MARGIN,
        "rule_ratio_margin": rules.RATIO_MARGIN,
        "rule_list_margin": rules.LIST_MARGIN,
        "noise_n_pairs": noise["n_pairs"],
        "noise_pct_middle_between": 100 * noise["share_middle_between"],
        "noise_median_one_year": noise["median_one_year"],
        "noise_median_two_year": noise["median_two_year"],
        "noise_median_2017_2019": noise["median_2017_2019"],
        "ledger_n_two_vintage": len(graded),
        "ledger_n_mean_rule_otherwise": len(otherwise),
        "ledger_mean_rule_otherwise": "; ".join(
            f"{r['claim_id']} {r['mean_values']} (the mean grade: {r['mean_grade']}; 2017 {r['verdict_2017']}, "
            f"2019 {r['verdict_2019']})" for _, r in otherwise.iterrows()) or "none",
        "ledger_n_vintages_disagree": int((graded["verdict_2017"] != graded["verdict_2019"]).sum()),
        "ledger_n_lowered_from_better": len(lowered),
        "ledger_lowered_from_better": ", ".join(lowered) or "none",
        "ledger_n_lifted_from_worse": len(lifted),
        "ledger_lifted_from_worse": ", ".join(lifted) or "none",
        "ledger_n": len(ledger),
        "ledger_n_reproduced": int((ledger["verdict"] == "reproduced").sum()),
        "ledger_n_close": int((ledger["verdict"] == "close").sum()),
        "ledger_n_differs": int((ledger["verdict"] == "differs").sum()),
        "ledger_n_cannot_be_tested": int((ledger["verdict"] == "cannot be tested").sum()),
    }
