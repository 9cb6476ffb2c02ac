"""Every field of a stored input, declared once; every list of fields is derived from here.

A field has one name everywhere: the attribute of a parsed record, the database
column, the index field, the key in the JSON API and the search filter. Where
history gave a field another name in one place (the database's
`canonical_theme`, a hit's `topics`), the declaration says so.

Adding a field is one entry here plus the parser rule that fills it (and a
migration when it is stored).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str                      # record/hit attribute, index field, API key, filter name
    label: str                     # Norwegian label: pages, export headings, help
    type: type = str               # str or int
    query: tuple[str, ...] = ()    # names before a colon in the query language, Norwegian first
    filter: bool = False           # a search can be narrowed to its values
    facet: bool = False            # a search counts its values
    multi: bool = False            # an input can have several values (topics)
    tag: bool = False              # a tag of the input, searched with a low weight
    stored: str | None = None      # database column; None when derived at index time
    length: int | None = None      # the column's length; None: unbounded text
    required: bool = False         # every input has a value
    indexed: bool = False          # the database keeps an index of the column
    shown: str | None = None       # attribute of a hit when it differs from name
    column: bool | str = True      # a column of the export (a text: its heading there)
    capitalised: bool = False      # values stored in lower case, shown with a capital
    panel: bool = True             # a facet shown in the web page's filter panel
    correctable: bool = False      # an editor can set it by hand (kb.corrections)
    the: str = ""                  # the label in its definite form: «kategorien»
    help: str = ""                 # one line on what the field holds, in Norwegian

    @property
    def hit_name(self) -> str:
        return self.shown or self.name

    @property
    def heading(self) -> str:
        """Return the field's heading in an export."""
        return self.column if isinstance(self.column, str) else self.label

    @property
    def option(self) -> str:
        """Return the command line option that filters on this field."""
        return "--" + self.name


# In the order of the facet panel and the export: broad to narrow, then who said it.
FIELDS: tuple[Field, ...] = (
    Field("id", "ID", query=("id",), filter=True, stored="id", length=40,
          help="Tekstens faste id, som 2025-8321d7452837."),
    Field("year", "År", int, query=("år", "year"), filter=True, facet=True, stored="year",
          required=True, indexed=True, help="Konferanseåret rapporten gjelder."),
    Field("canonical", "Tema", query=("hovedtema", "canonical"), filter=True, facet=True,
          stored="canonical_theme", length=200, capitalised=True,
          correctable=True,
          help="Temaet på tvers av årene: bolker om det samme har samme tema, selv om "
               "rapportene kaller dem noe ulikt."),
    Field("theme", "Bolkens tema", query=("tema", "theme"), filter=True, facet=True, tag=True,
          stored="theme", length=300, panel=False,
          the="bolkens tema",
          correctable=True,
          help="Temaet for bolken, slik rapporten skriver det (i filterlisten: under Bolk)."),
    Field("session", "Bolk", query=("bolk", "sesjon", "session"), filter=True, facet=True,
          stored="session", length=100,
          correctable=True,
          help="Bolken (sesjonen) i årets program, med temaet rapporten ga den."),
    Field("question_no", "Spørsmål nr.", int, stored="question_no",
          help="Nummeret på spørsmålet gruppene diskuterte."),
    Field("question", "Spørsmål", query=("spørsmål", "question"), filter=True, facet=True,
          tag=True, stored="question", the="spørsmålet",
          correctable=True,
          help="Spørsmålet innspillet svarer på."),
    Field("category", "Kategori", query=("kategori", "category"), filter=True, facet=True,
          tag=True, stored="category", length=300,
          the="kategorien",
          correctable=True,
          help="Overskriften innspillene var gruppert under."),
    Field("subcategory", "Underkategori", query=("underkategori", "subcategory"), filter=True,
          tag=True, stored="subcategory", length=300,
          the="underkategorien",
          correctable=True,
          help="Underoverskriften, der innspillene var gruppert i to nivåer."),
    Field("topic", "Emne", query=("emne", "topic"), filter=True, facet=True, multi=True,
          shown="topics", capitalised=True, column="Emner",
          correctable=True,
          help="Hva teksten selv handler om, funnet fra ordene i den – uansett bolk."),
    Field("kind", "Type", query=("type", "kind"), filter=True, facet=True, tag=True,
          stored="kind", length=30, required=True, indexed=True,
          the="teksttypen",
          correctable=True,
          help="Hva slags tekst: innspill fra gruppene, innlegg, tale, panelsamtale …"),
    Field("speaker", "Taler", query=("taler", "speaker"), filter=True, facet=True, tag=True,
          stored="speaker", length=200, the="taleren",
          correctable=True,
          help="Den som holdt innlegget eller talen."),
    Field("organisation", "Organisasjon", query=("organisasjon", "organisation"), filter=True,
          facet=True, tag=True, stored="organisation", length=300,
          the="organisasjonen",
          correctable=True,
          help="Organisasjonen taleren eller innspillet kom fra."),
    Field("section", "Kapittel", stored="section", length=300, column=False,
          help="Kapittelet i rapporten teksten står i."),
    Field("heading", "Overskrift", stored="heading", length=300, column=False,
          help="Den nærmeste overskriften over teksten."),
    Field("page", "Side", int, stored="page", help="Siden i rapporten."),
    Field("position", "Plass", int, stored="position", required=True, column=False,
          help="Tekstens plass i rapporten, fra 0."),
    Field("document", "Rapport", help="Rapporten teksten er hentet fra."),
    Field("text", "Tekst", stored="text", required=True, help="Teksten selv."),
)

BY_NAME = {field.name: field for field in FIELDS}
FILTERS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.filter)
FACETS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.facet)
MULTI: frozenset[str] = frozenset(f.name for f in FIELDS if f.multi)
TAGS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.tag)
EXPORTED: tuple[Field, ...] = tuple(f for f in FIELDS if f.column)
QUERY_NAMES: dict[str, str] = {alias: f.name for f in FIELDS for alias in f.query}
IN_DATABASE: tuple[Field, ...] = tuple(f for f in FIELDS if f.stored)
CORRECTABLE: tuple[Field, ...] = tuple(f for f in FIELDS if f.correctable)
# What a parser gives each piece; the loader adds its id, year and position.
PARSED: tuple[Field, ...] = tuple(f for f in IN_DATABASE if f.name not in ("id", "year", "position"))


def field(name: str) -> Field:
    """Return the declaration of a field by its name."""
    return BY_NAME[name]


def label(name: str) -> str:
    """Return the Norwegian label of a field, or the name itself for anything else."""
    return BY_NAME[name].label if name in BY_NAME else name.capitalize()


# The kinds of text a report holds: their labels, and their plurals for counts.
# Programme lines and figure placeholders are kept, but found only when their kind is chosen.
HIDDEN_KINDS = frozenset({"program", "figur"})
KINDS: dict[str, tuple[str, str]] = {
    "innspill": ("Innspill", "innspill"),
    "innlegg": ("Innlegg", "innlegg"),
    "tale": ("Tale", "avsnitt av tale"),
    "panel": ("Panelsamtale", "avsnitt fra panelsamtale"),
    "spørsmål": ("Spørsmål", "spørsmål"),
    "sammendrag": ("Sammendrag", "avsnitt"),
    "program": ("Programpunkt", "programpunkter"),
    "konferansen": ("Om konferansen", "avsnitt"),
    "figur": ("Figur eller tabell", "figurer"),
    "tekst": ("Tekst", "avsnitt"),
    "tema": ("Temaomtale", "avsnitt"),
}


def kind_label(kind: str | None) -> str:
    """Return how a kind of text is named: «Panelsamtale» for panel."""
    return KINDS[kind][0] if kind in KINDS else (kind or "").capitalize()


def kind_plural(kind: str) -> str:
    """Return the plural used in counts: «4 innlegg», «12 avsnitt av tale»."""
    return KINDS[kind][1] if kind in KINDS else "tekster"
