"""The glued facts of the chapter data_and_methods: for each glue name, the registered table,
row and column of the cell it prints, and the format it is printed in
(:mod:`placeblind.publishing.facts`)."""

FACTS = (
    # name, table, row, column, format
    ("n_files", "data_findings", "n_files", "value", ""),
    ("n_files_ogl", "data_findings", "n_files_ogl", "value", ""),
    ("n_files_mit", "data_findings", "n_files_mit", "value", ""),
    ("n_files_own", "data_findings", "n_files_own", "value", ""),
    ("n_files_maps", "data_findings", "n_files_maps", "value", ""),
    ("verify_mode", "data_findings", "verify_mode", "value", ""),
    ("n_files_used", "data_findings", "n_files_used", "value", ""),
    ("n_districts", "data_findings", "n_districts", "value", ""),
    ("n_authorities", "data_findings", "n_authorities", "value", ""),
    ("dm_n_groups", "sector_composition_findings", "sec_n_groups", "value", ""),
    ("round_study_sum_min", "rounding_findings", "round_study_sum_min", "value", ".1f"),
    ("round_study_sum_max", "rounding_findings", "round_study_sum_max", "value", ".1f"),
    ("round_n_study_off", "rounding_findings", "round_n_study_off", "value", ""),
    ("round_n_study", "rounding_findings", "round_n_study", "value", ""),
    ("round_off_by_pp", "rounding_findings", "round_off_by_pp", "value", ".0f"),
    ("round_gb_sum_min", "rounding_findings", "round_gb_sum_min", "value", ".1f"),
    ("round_gb_sum_max", "rounding_findings", "round_gb_sum_max", "value", ".1f"),
    ("round_n_gb_off", "rounding_findings", "round_n_gb_off", "value", ""),
    ("round_n_gb", "rounding_findings", "round_n_gb", "value", ""),
    ("round_lq_change_min", "rounding_findings", "round_lq_change_min", "value", "+.1f"),
    ("round_lq_change_max", "rounding_findings", "round_lq_change_max", "value", "+.1f"),
    ("round_verdicts", "paper_claim_findings", "round_verdicts", "value", ""),
    ("bres_vintages", "paper_claim_findings", "bres_vintages", "value", ""),
    ("dm_n_qualification_groups", "data_findings", "n_qualification_groups", "value", "word"),
    ("interval_level_pct", "data_findings", "interval_level_pct", "value", "g"),  # the level of every interval
)
