"""The glued facts of the chapter places: for each glue name, the registered table,
row and column of the cell it prints, and the format it is printed in
(:mod:`placeblind.publishing.facts`)."""

FACTS = (
    # name, table, row, column, format
    ("pl_n_districts", "key_quantities", "districts_england_wales_2021_codes", "value", ""),
    ("pl_n_authorities", "key_quantities", "authorities_2025", "value", ""),
    ("pl_n_ca_2025", "key_quantities", "authorities_2025_districts_2025_codes", "value", ""),
    ("pl_n_ca_2021", "key_quantities", "authorities_2025_districts_2021_codes", "value", ""),
    ("pl_n_merged_2023", "key_quantities", "districts_merged_2023", "value", ""),
    ("pl_n_merged_into_2023", "key_quantities", "districts_merged_into_2023", "value", ""),
    ("pl_earliest", "key_quantities", "district_vintage_earliest", "value", ""),
    ("pl_newest", "key_quantities", "district_vintage_newest", "value", ""),
    ("pl_earliest_code_year", "key_quantities", "district_vintage_earliest", "code_year", ""),
    ("pl_newest_code_year", "key_quantities", "district_vintage_newest", "code_year", ""),
    ("pl_barnsley_2021", "district_code_changes", "name == 'Barnsley'", "old_codes", ""),
    ("pl_barnsley_2025", "district_code_changes", "name == 'Barnsley'", "new_code", ""),
    ("pl_sheffield_2021", "district_code_changes", "name == 'Sheffield'", "old_codes", ""),
    ("pl_sheffield_2025", "district_code_changes", "name == 'Sheffield'", "new_code", ""),
    ("pl_ny_code", "district_code_changes", "name == 'North Yorkshire'", "new_code", ""),
    ("pl_ny_n", "district_code_changes", "name == 'North Yorkshire'", "n_old", "d"),
    ("pl_ny_parts", "district_code_changes", "name == 'North Yorkshire'", "old_names", ""),
    ("pl_cumberland_parts", "district_code_changes", "name == 'Cumberland'", "old_names", ""),
    ("pl_westmorland_parts", "district_code_changes", "name == 'Westmorland and Furness'", "old_names", ""),
    ("pl_somerset_parts", "district_code_changes", "name == 'Somerset'", "old_names", ""),
    ("pl_hull_l4_2021", "places", "name == 'Kingston upon Hull, City of'", "pct_level4_plus_2021", ".1f"),
    ("pl_hull_l4_change", "places", "name == 'Kingston upon Hull, City of'", "change_level4_plus_pp", "+.1f"),
    ("pl_census2011_code_year", "key_quantities", "code_year_census2011", "value", ""),
    ("pl_broad_groups", "key_quantities", "broad_groups", "value", ""),
)
