"""Industry classifications: BRES broad industrial groups from SIC 2007 divisions
and sections, and the paper's key sectors mapped onto them."""

from __future__ import annotations

# The 18 BRES broad industrial groups (names as in the data bundle README) and
# the SIC 2007 divisions each covers.
BROAD_GROUP_DIVISIONS: dict[str, tuple[int, ...]] = {
    "Agriculture, forestry & fishing": (1, 2, 3),
    "Mining, quarrying & utilities": (5, 6, 7, 8, 9, 35, 36, 37, 38, 39),
    "Manufacturing": tuple(range(10, 34)),
    "Construction": (41, 42, 43),
    "Motor trades": (45,),
    "Wholesale": (46,),
    "Retail": (47,),
    "Transport & storage": (49, 50, 51, 52, 53),
    "Accommodation & food": (55, 56),
    "Information & communication": (58, 59, 60, 61, 62, 63),
    "Financial & insurance": (64, 65, 66),
    "Property": (68,),
    "Professional, scientific & technical": (69, 70, 71, 72, 73, 74, 75),
    "Business administration & support": (77, 78, 79, 80, 81, 82),
    "Public administration & defence": (84,),
    "Education": (85,),
    "Health": (86, 87, 88),
    "Arts, entertainment, recreation & other services": (90, 91, 92, 93, 94, 95, 96, 97, 98, 99),
}
BROAD_GROUPS = list(BROAD_GROUP_DIVISIONS)
DIVISION_TO_BROAD_GROUP = {d: g for g, ds in BROAD_GROUP_DIVISIONS.items() for d in ds}

# SIC 2007 sections making up each broad group; G is split by division (45/46/47).
BROAD_GROUP_SECTIONS: dict[str, tuple[str, ...]] = {
    "Agriculture, forestry & fishing": ("A",),
    "Mining, quarrying & utilities": ("B", "D", "E"),
    "Manufacturing": ("C",),
    "Construction": ("F",),
    "Transport & storage": ("H",),
    "Accommodation & food": ("I",),
    "Information & communication": ("J",),
    "Financial & insurance": ("K",),
    "Property": ("L",),
    "Professional, scientific & technical": ("M",),
    "Business administration & support": ("N",),
    "Public administration & defence": ("O",),
    "Education": ("P",),
    "Health": ("Q",),
    "Arts, entertainment, recreation & other services": ("R", "S", "T", "U"),
}
SECTION_G_GROUPS = {"Motor trades": 45, "Wholesale": 46, "Retail": 47}

# Labels in the 2019 Nomis extract that differ from the README names.
NOMIS_2019_LABELS = {
    "Accommodation & food services": "Accommodation & food",
    "Business administration & support services": "Business administration & support",
}

# The paper's key sectors (Tables 2-4), as BRES broad groups, with the loose
# names the paper uses for them.
KEY_SECTORS: dict[str, tuple[str, ...]] = {
    "Manufacturing": ("manufacturing",),
    "Information & communication": ("digital", "IT and Communication", "digital (IT and Communication)"),
    "Professional, scientific & technical": ("Professional and Scientific and Technical", "professional", "professional/scientific/technical"),
    "Health": ("health",),
    "Education": ("education",),
    "Retail": ("retail",),
    "Business administration & support": ("business administration and support", "Business and Support"),
    "Public administration & defence": ("public administration", "public sector (with health and education)"),
}
KEY_SECTOR_NAMES = list(KEY_SECTORS)

# The three sectors the paper's pattern turns on, each named once: every
# module's PROFESSIONAL, DIGITAL and MANUFACTURING is one of these.
MANUFACTURING = "Manufacturing"
DIGITAL = "Information & communication"
PROFESSIONAL = "Professional, scientific & technical"

# Short labels for figures at page width.
SHORT_LABELS = {
    "Agriculture, forestry & fishing": "Agriculture",
    "Mining, quarrying & utilities": "Mining & utilities",
    "Manufacturing": "Manufacturing",
    "Construction": "Construction",
    "Motor trades": "Motor trades",
    "Wholesale": "Wholesale",
    "Retail": "Retail",
    "Transport & storage": "Transport",
    "Accommodation & food": "Accomm. & food",
    "Information & communication": "Info. & comms",
    "Financial & insurance": "Finance",
    "Property": "Property",
    "Professional, scientific & technical": "Prof., sci. & tech.",
    "Business administration & support": "Business admin.",
    "Public administration & defence": "Public admin.",
    "Education": "Education",
    "Health": "Health",
    "Arts, entertainment, recreation & other services": "Arts & other",
}
