"""Tables of a report: literal rows in, the lines they stand for out."""
from indexer.extract.tables import table_lines


def test_topic_and_input_table_becomes_labels_and_bullets():
    assert table_lines([
        ["Tema", "Innspill"],
        ["Skole", "Skolene bør ha miljøarbeidere som kjenner ungdommene."],
        ["", "Ungdom som blir bortvist, må få et tilbud samme dag."],
        ["Fritid", "Fritidsklubbene må holde åpent fredag og lørdag kveld."],
    ]) == ["Skole:", "- Skolene bør ha miljøarbeidere som kjenner ungdommene.",
           "- Ungdom som blir bortvist, må få et tilbud samme dag.",
           "Fritid:", "- Fritidsklubbene må holde åpent fredag og lørdag kveld."]


def test_topic_merged_down_over_its_rows_is_written_once():
    """Word repeats a vertically merged cell on every row it covers."""
    assert table_lines([
        ["Område", "Forslag"],
        ["Idrett", "Idrettslagene bør ha lave kontingenter for barn."],
        ["Idrett", "Klubbene bør låne ut utstyr gratis til nye medlemmer."],
    ]) == ["Idrett:", "- Idrettslagene bør ha lave kontingenter for barn.",
           "- Klubbene bør låne ut utstyr gratis til nye medlemmer."]


def test_row_across_the_table_is_a_line_of_its_own():
    assert table_lines([
        ["Runde 1", "Runde 1"],
        ["Helse", "Fastlegen må bruke tolk oftere enn i dag."],
    ]) == ["Runde 1", "Helse:", "- Fastlegen må bruke tolk oftere enn i dag."]


def test_any_other_table_keeps_one_line_a_row():
    assert table_lines([["Tid", "Post", "Sted"], ["09:00", "Åpning", "Sal A"],
                        ["10:00", "Sesjon 1", None]]) == [
        "Tid – Post – Sted", "09:00 – Åpning – Sal A", "10:00 – Sesjon 1"]


def test_table_of_inputs_and_who_gave_them_puts_the_giver_in_parentheses():
    assert table_lines([
        ["Innspill", "Fra"],
        ["Korte videoer med teksting gjorde det lettere.", "Testforeningen Lær Norsk"],
        ["Lærerne ble flinkere til å bruke digitale verktøy.", "-"],
    ]) == ["- Korte videoer med teksting gjorde det lettere. (Testforeningen Lær Norsk)",
           "- Lærerne ble flinkere til å bruke digitale verktøy."]
