"""Facts of the real 2025 report that the tests pin, each named once."""

INPUTS = 151          # texts stored from the report
PAGES = 15            # pages in the text file, numbered 4–18 as printed
INNSPILL = 75         # of which inputs from the group discussions
SESSIONS = {"Bolk 1": 56, "Bolk 2": 36, "Bolk 3": 10}
SPRAKKRAV = "Høye og ofte rigide språkkrav (f.eks. B2-nivå)."
SPRAKKRAV_PAGE = 13
CITATION = ("Regjeringens nasjonale integreringskonferanse 2025, rapport s. 13, "
            "Bolk 1 Inkluderende arbeidsliv, spørsmål 1")
