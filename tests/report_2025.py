"""Facts of the real 2025 report that the tests pin, each named once."""

INPUTS = 151          # texts stored from the report
PAGES = 15            # pages in the text file, numbered 4–18 as printed
HIDDEN = 15           # 14 programme lines and 1 figure placeholder: found only when asked for
SEARCHABLE = INPUTS - HIDDEN  # what a search for everything lists
INNSPILL = 75         # of which inputs from the group discussions
SESSIONS = {"Bolk 1": 56, "Bolk 2": 36, "Bolk 3": 10}
SPRAKKRAV = "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."
SPRAKKRAV_PAGE = 13
CITATION = ("Arbeids- og inkluderingsdepartementet (2025). Regjeringens nasjonale "
            "integreringskonferanse 2025 [konferanserapport], s. 13. Bolk 1: Inkluderende "
            "arbeidsliv, spørsmål 1. Fra Innspillsbasen: ")  # + the input's permanent address
