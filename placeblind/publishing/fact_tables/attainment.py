"""The glued facts of the chapter attainment: for each glue name, the registered table,
row and column of the cell it prints, and the format it is printed in
(:mod:`placeblind.publishing.facts`)."""

FACTS = (
    # name, table, row, column, format
    ("att_ew_pct_noq", "attainment_2011", "code == 'K04000001'", "pct_no_qualifications", ".2f"),
    ("att_ew_pct_l4", "attainment_2011", "code == 'K04000001'", "pct_level4_plus", ".2f"),
    ("att_n_top_two", "attainment_findings", "att_n_top_two", "value", ""),
    ("att_n_districts", "attainment_findings", "att_n_districts", "value", ""),
    ("att_not_top_two", "attainment_findings", "att_not_top_two", "value", ""),
    ("att_not_top_two_detail", "attainment_findings", "att_not_top_two_detail", "value", ""),
    ("att_combined_min", "attainment_findings", "att_combined_min", "value", ".1f"),
    ("att_combined_max", "attainment_findings", "att_combined_max", "value", ".1f"),
    ("att_r_noq_l4", "attainment_findings", "att_r_noq_l4", "value", ".2f"),
    ("att_r2_noq_l4", "attainment_findings", "att_r2_noq_l4", "value", ".3f"),
    ("att_max_l4_name", "attainment_findings", "att_max_l4_name", "value", ""),
    ("att_max_l4", "attainment_findings", "att_max_l4", "value", ".2f"),
    ("att_max_noq_name", "attainment_findings", "att_max_noq_name", "value", ""),
    ("att_max_noq", "attainment_findings", "att_max_noq", "value", ".2f"),
    ("att_min_l4_name", "attainment_findings", "att_min_l4_name", "value", ""),
    ("att_min_l4", "attainment_findings", "att_min_l4", "value", ".2f"),
    ("att_n_noq_larger", "attainment_findings", "att_n_noq_larger", "value", ""),
    ("att_n_above_national", "attainment_findings", "att_n_above_national", "value", ""),
    ("att_n_exceptions", "attainment_findings", "att_n_exceptions", "value", ""),
    ("att_exceptions", "attainment_findings", "att_exceptions", "value", ""),
    ("att_ew_noq_2021", "attainment_2011_2021", "code == 'K04000001'", "pct_no_qualifications_2021", ".2f"),
    ("att_ew_l4_2021", "attainment_2011_2021", "code == 'K04000001'", "pct_level4_plus_2021", ".2f"),
    ("att_r_2021", "attainment_findings", "att_r_2021", "value", ".3f"),
    ("att_n_levels", "data_findings", "n_qualification_groups", "value", "word"),
)
