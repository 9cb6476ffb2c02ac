"""The OpenAPI 3.1 description of the JSON API, built from the library's own declarations."""
from __future__ import annotations

from kb.compare import COLUMN_SIZE
from kb.corrections import NAMES as CORRECTION_NAMES
from kb.fields import BY_NAME, FACETS, FIELDS, FILTERS, TAGS, Field
from kb.hits import MEANING
from kb.models import Input
from kb.search import MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_LENGTH, SORTS
from web.compare import CHOSEN, MAX_PER_YEAR, PER_YEAR
from web.params import DEFAULT_PER_PAGE, SWITCHES

JSON_TYPES = {str: "string", int: "integer"}
NULLABLE_STRING = {"type": ["string", "null"]}
SERVICE_UNAVAILABLE = ("Søket tok for lang tid (KB_SEARCH_SECONDS), eller søkeindeksen kan "
                       "ikke brukes: ikke bygget, utdatert eller skadet (kjør «kb reindex»).")
# The fields of an input in a list of context (web.api.summary).
SUMMARY = ("id", "year", "kind", "text", "page", "position", "category", "subcategory", "speaker")


def field_schema(field: Field) -> dict:
    """Return the JSON Schema of a field's value in a response, with its help as description."""
    kind = JSON_TYPES[field.type]
    if field.multi:
        schema = {"type": "array", "items": {"type": kind}}
    else:
        schema = {"type": kind if field.required or field.name == "id" else [kind, "null"]}
    return {**schema, "description": field.help}


def hit_schema() -> dict:
    """Return the schema of one search result: every field of an input, its snippet and URL."""
    properties = {}
    for field in FIELDS:
        properties[field.hit_name] = field_schema(field)
        if field.name == "text":
            properties["snippet"] = {"type": "string", "description": (
                "Utdrag der alt er HTML-escapet; bare <mark> er lagt til rundt ordene som traff.")}
    properties["matched"] = {
        "type": "array", "items": {"type": "string", "enum": ["text", *TAGS, MEANING]},
        "description": "Feltene der ordene i søket ble funnet: text (selve teksten), eller bare "
                       "en overskrift teksten står under (theme, question, category …)."}
    properties["set_by_hand"] = {
        "type": "array", "items": {"type": "string", "enum": list(CORRECTION_NAMES)},
        "description": "Feltene en redaktør har rettet for hånd (hidden: tatt ut av søket)."}
    properties["url"] = {"type": "string", "description": "Sidens adresse, som /innspill/<id>."}
    return {"type": "object", "properties": properties, "required": sorted(properties),
            "additionalProperties": False}


def _column_schema(column) -> dict:
    kind = {int: "integer", str: "string"}.get(column.type.python_type, "string")
    return {"type": [kind, "null"] if column.nullable else kind}


def summary_schema() -> dict:
    """Return the schema of an input in a list of context: a few of its fields and its URL."""
    properties = {name: field_schema(BY_NAME[name]) for name in SUMMARY}
    properties["url"] = {"type": "string", "description": "Sidens adresse, som /innspill/<id>."}
    return {"type": "object", "properties": properties, "required": sorted(properties),
            "additionalProperties": False}


def detail_schema() -> dict:
    """Return the schema of /api/inputs/<id>: a search result, its stored columns, and where
    it stands."""
    hit = hit_schema()
    properties = dict(hit["properties"])
    properties.update({column.name: _column_schema(column) for column in Input.__table__.columns
                       if column.name not in properties})
    properties.update({
        "hidden": {"type": "boolean", "description": "Tatt ut av søket av en redaktør, fordi "
                                                     "teksten ikke er et innspill."},
        "permalink": {"type": "string", "description": "Fast, fullstendig adresse til siden."},
        "citation": {"type": "string", "description": "Kildehenvisning klar til å lime inn."},
        "report": {"$ref": "#/components/schemas/Report"},
        "context": {"$ref": "#/components/schemas/Context"},
    })
    return {"type": "object", "properties": properties, "required": sorted(properties),
            "additionalProperties": False}


def components() -> dict:
    summary_ref = {"$ref": "#/components/schemas/InputSummary"}
    facet_values = {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}
    report = {"title": {"type": "string"}, "year": {"type": "integer"},
              "file_name": {"type": "string"}, "page_count": {"type": "integer"},
              "date": NULLABLE_STRING, "place": NULLABLE_STRING, "source": NULLABLE_STRING,
              "publisher": NULLABLE_STRING, "public_url": NULLABLE_STRING,
              "url": {"type": "string"}}
    context = {"neighbours": {"type": "array", "items": summary_ref,
                              "description": "Tekstene under samme overskrift (samme spørsmål "
                                             "og kategori), i rapportens rekkefølge, "
                                             "denne medregnet."},
               "previous": {"oneOf": [summary_ref, {"type": "null"}]},
               "next": {"oneOf": [summary_ref, {"type": "null"}]},
               "similar": {"type": "array", "items": summary_ref,
                           "description": "Lignende tekster, mest lik først."}}
    return {"schemas": {
        "Hit": hit_schema(),
        "InputSummary": summary_schema(),
        "InputDetail": detail_schema(),
        "FacetValue": {"type": "object", "additionalProperties": False,
                       "required": ["value", "count"],
                       "properties": {"value": {"type": ["string", "integer"]},
                                      "count": {"type": "integer", "minimum": 1}}},
        "SearchResponse": {
            "type": "object", "additionalProperties": False,
            "required": ["query", "total", "page", "per_page", "results", "facets", "suggestion",
                         "expansions", "total_text", "corrected", "sort", "total_meaning",
                         "meaning"],
            "properties": {
                "query": {"type": "string"}, "total": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                "facets": {"type": "object", "additionalProperties": False,
                           "required": list(FACETS),
                           "properties": {name: facet_values for name in FACETS}},
                "suggestion": {**NULLABLE_STRING,
                               "description": "Forslag til stavemåte for et ukjent eller "
                                              "sjeldent ord i søket."},
                "expansions": {"type": "array", "items": {"type": "string"},
                               "description": "Synonymer søket også omfattet (fra listen "
                                              "over fagord); tom når synonymer er slått av."},
                "total_text": {"type": ["integer", "null"], "minimum": 0,
                               "description": "Hvor mange av treffene som har ordene i selve "
                                              "teksten; resten står under en overskrift som "
                                              "nevner dem. null uten ord i søket."},
                "corrected": {**NULLABLE_STRING,
                              "description": "Søket slik det ble kjørt når feilstavede ord ble "
                                             "byttet med et ord fra basen (slå av med "
                                             "retting=av)."},
                "sort": {"type": "string", "enum": list(SORTS),
                         "description": "Rekkefølgen treffene står i."},
                "total_meaning": {"type": "integer", "minimum": 0,
                                  "description": "Treff funnet etter mening alene, uten ordene "
                                                 "(med i total, sist i rekkefølgen)."},
                "meaning": {"type": "boolean",
                            "description": "Om søket også gikk etter mening (slå av med "
                                           "mening=av)."}}},
        "Report": {"type": "object", "additionalProperties": False, "required": sorted(report),
                   "properties": report},
        "Context": {"type": "object", "additionalProperties": False, "required": sorted(context),
                    "properties": context},
        "Error": {"type": "object", "additionalProperties": False, "required": ["error"],
                  "properties": {"error": {"type": "string",
                                           "description": "Hva som er galt, på norsk."}}},
    }}


def search_parameters() -> list[dict]:
    """Return the parameters of /api/search: the query, every filter, paging and sorting."""
    parameters = [{"name": "q", "in": "query", "required": False,
                   "description": 'Søket: ord, "fraser", -ord, OR, prefiks*, år:2025, '
                                  'tema:"Trygge nabolag". Tomt gir alt.',
                   "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH}}]
    for name in FILTERS:
        parameters.append({
            "name": name, "in": "query", "required": False, "style": "form", "explode": True,
            "description": f"{BY_NAME[name].label}: {BY_NAME[name].help} Kan gjentas (ett av "
                           "dem må stemme). Verdier som vist i facets. En ukjent verdi gir 400.",
            "schema": {"type": "array", "items": {"type": JSON_TYPES[BY_NAME[name].type]}}})
    parameters += [
        {"name": "page", "in": "query", "required": False, "description": "Side, fra 1.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}},
        {"name": "per_page", "in": "query", "required": False, "description": "Treff per side.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                    "default": DEFAULT_PER_PAGE}},
        {"name": "sort", "in": "query", "required": False,
         "description": "relevance: best treff først (standard med ord); rapport: rapportens "
                        "rekkefølge (standard uten ord); year: nyeste år først.",
         "schema": {"type": "string", "enum": list(SORTS)}},
        *({"name": switch.param, "in": "query", "required": False, "description": switch.help,
           "schema": {"type": "string", "enum": [switch.value]}} for switch in SWITCHES),
    ]
    return parameters


def _json(schema: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def document() -> dict:
    """Return the OpenAPI document of the API."""
    error = _json("Error", "Feil i forespørselen; meldingen sier hvordan den rettes.")
    return {
        "openapi": "3.1.0",
        "info": {"title": "Innspillsbasen API", "version": "1.0.0",
                 "description": "Søk i innspillene fra Regjeringens nasjonale "
                                "integreringskonferanse. Alle svar er JSON i UTF-8."},
        "paths": {
            "/api/search": {"get": {
                "operationId": "search", "summary": "Søk i innspillene",
                "parameters": search_parameters(),
                "responses": {"200": _json("SearchResponse", "Én side med treff, og antall "
                                           "treff per verdi av hvert filter."),
                              "400": error,
                              "503": _json("Error", SERVICE_UNAVAILABLE)}}},
            "/api/compare": compare_path(error),
            "/api/inputs/{id}": {"get": {
                "operationId": "input", "summary": "Ett innspill med sin sammenheng",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "description": "Innspillets faste id, som 2025-8321d7452837.",
                                "schema": {"type": "string"}}],
                "responses": {"200": _json("InputDetail", "Innspillet, kilden og tekstene rundt."),
                              "404": _json("Error", "Ingen tekst har denne id-en.")}}},
            "/api/openapi.json": {"get": {
                "operationId": "openapi", "summary": "Denne beskrivelsen",
                "responses": {"200": {"description": "OpenAPI-dokumentet.",
                                      "content": {"application/json": {
                                          "schema": {"type": "object"}}}}}}},
        },
        "components": {"schemas": {**components()["schemas"], **compare_schemas()}},
    }


def compare_schemas() -> dict:
    """Return the schemas of /api/compare: the theme × year table and the columns per year."""
    def ref(name: str) -> dict:
        return {"$ref": f"#/components/schemas/{name}"}

    def strict(properties: dict, description: str | None = None) -> dict:
        schema = {"type": "object", "additionalProperties": False,
                  "required": sorted(properties), "properties": properties}
        return {**schema, "description": description} if description else schema

    count = {"type": "integer", "minimum": 0}
    share = {"type": "number", "minimum": 0, "maximum": 1,
             "description": "Antallet som andel av alle tekstene fra året (0–1)."}
    earlier = strict({"id": {"type": "string"}, "url": {"type": "string"},
                      "year": {"type": "integer"}, "text": {"type": "string"},
                      "theme": NULLABLE_STRING,
                      "score": {"type": "number", "minimum": -1, "maximum": 1,
                                "description": "Likhet: cosinus mellom vektorene (søk etter "
                                               "mening), eller over ordstammene uten dem."},
                      "words": {"type": "number", "minimum": 0, "maximum": 1,
                                "description": "Cosinus over ordstammene (skiller like "
                                               "vektorer)."}})
    marked = hit_schema()
    marked["properties"] = {
        **marked["properties"],
        "raised_before": {"type": "boolean",
                          "description": "«Tatt opp før»: et lignende innspill finnes fra et "
                                         "tidligere år; ellers «nytt»."},
        "earlier": {"type": "array", "items": ref("Earlier"),
                    "description": "Lignende tekster fra tidligere år, mest lik først."}}
    marked["required"] = sorted(marked["properties"])
    return {
        "Earlier": earlier,
        "MarkedHit": marked,
        "CompareCell": strict({"theme": {"type": "string"}, "year": {"type": "integer"},
                               "count": count, "share": share}),
        "CompareMatrix": strict({
            "years": {"type": "array", "items": {"type": "integer"}},
            "themes": {"type": "array", "items": {"type": "string"},
                       "description": "Hovedtemaene, flest treff først; «no_theme» sist."},
            "cells": {"type": "array", "items": ref("CompareCell"),
                      "description": "Én celle per hovedtema og år, også de med 0."},
            "theme_totals": {"type": "array", "items": strict(
                {"theme": {"type": "string"}, "label": {"type": "string"}, "count": count})},
            "totals": {"type": "array", "items": strict(
                {"year": {"type": "integer"}, "count": count, "share": share,
                 "inputs": {**count, "description": "Alle tekstene fra året."}})},
            "total": count}),
        "CompareColumn": strict({"year": {"type": "integer"}, "total": count,
                                 "results": {"type": "array", "items": ref("MarkedHit")}}),
        "CompareResponse": strict({
            "query": {"type": "string"},
            "theme": {**NULLABLE_STRING, "description": "Hovedtemaet kolonnene viser (vis)."},
            "no_theme": {"type": "string",
                         "description": "Navnet på raden for treff uten felles hovedtema."},
            "matrix": ref("CompareMatrix"),
            "columns": {"type": "array", "items": ref("CompareColumn")}}),
    }


def compare_path(error: dict) -> dict:
    """Return /api/compare: the search's parameters (not paging), a theme and a column size."""
    parameters = [p for p in search_parameters() if p["name"] not in ("page", "per_page")]
    parameters += [
        {"name": CHOSEN, "in": "query", "required": False,
         "description": "Et hovedtema (verdi fra facets.canonical): kolonnene viser bare det.",
         "schema": {"type": "string"}},
        {"name": PER_YEAR, "in": "query", "required": False,
         "description": "Antall innspill i hvert års kolonne.",
         "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_YEAR,
                    "default": COLUMN_SIZE}}]
    return {"get": {
        "operationId": "compare", "summary": "Sammenlign årene",
        "description": "Treff per hovedtema og år (antall og andel av årets tekster), og de "
                       "beste treffene fra hvert år, merket tatt opp før eller nytt.",
        "parameters": parameters,
        "responses": {"200": _json("CompareResponse", "Tabellen og kolonnene per år."),
                      "400": error,
                      "503": _json("Error", SERVICE_UNAVAILABLE)}}}
