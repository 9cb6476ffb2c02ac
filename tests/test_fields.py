"""One declaration per field: every list of fields in the product is derived from kb.fields."""
from dataclasses import fields

from click.testing import CliRunner

from cli import main
from indexer.records import Record
from kb.fields import FACETS, FIELDS, FILTERS, IN_DATABASE, PARSED, QUERY_NAMES, field
from kb.models import Input
from kb.search import Hit
from pages import find_all
from web.export import COLUMNS


def test_every_filter_of_the_web_page_is_an_option_of_kb_search():
    help_text = CliRunner().invoke(main, ["search", "--help"]).output
    for name in FILTERS:
        assert field(name).option in help_text, name


def test_the_search_page_offers_a_filter_group_for_every_facet(client):
    html = client.get("/sok?q=frivillige").get_data(as_text=True)
    groups = {group.attrs["id"].removeprefix("facet-") for group in find_all(html, "fieldset")}
    # every facet with values for this search has its group, but the report's own theme
    # title, which the group Bolk shows with each session (subcategory is a filter only)
    answer = client.get("/api/search?q=frivillige").get_json()["facets"]
    assert groups == {name for name in FACETS if answer[name] and field(name).panel}


def test_every_filter_is_a_query_string_parameter_of_the_api(client):
    document = client.get("/api/openapi.json").get_json()
    names = {p["name"] for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert set(FILTERS) <= names


def test_every_filter_can_be_written_in_the_query_in_norwegian():
    for name in FILTERS:
        assert QUERY_NAMES[field(name).query[0]] == name


def test_the_database_columns_are_the_stored_fields():
    columns = {column.name for column in Input.__table__.columns} - {"report_id"}
    assert columns == {f.stored for f in IN_DATABASE}


def test_a_record_carries_what_the_parser_fills():
    assert {f.name for f in fields(Record)} - {"lines"} == {f.stored for f in PARSED}


def test_a_hit_carries_every_field_and_its_snippet():
    assert [f.name for f in fields(Hit)] == [
        name for declared in FIELDS
        for name in (declared.hit_name, "snippet") if name != "snippet" or declared.name == "text"
    ] + ["matched", "set_by_hand"]


def test_the_export_has_a_column_for_every_exported_field():
    assert [name for name, _ in COLUMNS] == ["id", "url"] + [
        f.hit_name for f in FIELDS if f.column and f.name != "id"]
