"""Editors' accounts: Argon2id hashes, names, and the same answer for any wrong sign-in."""
import pytest

from kb import users
from kb.audit import entries
from kb.database import session_for, transaction


def test_an_editor_signs_in_with_the_right_password_only(fresh_kb):
    _, engine = fresh_kb
    with transaction(engine) as session:
        users.add(session, "anne", "riktig-hest-batteri", by="test")
    with session_for(engine) as session:
        stored = users.find(session, "anne")
        assert stored.password_hash.startswith("$argon2id$")
        assert "riktig-hest-batteri" not in stored.password_hash
        assert users.authenticate(session, "anne", "riktig-hest-batteri").name == "anne"
        assert users.authenticate(session, "anne", "feil-hest-batteri") is None
        assert users.authenticate(session, "ingen", "riktig-hest-batteri") is None
        assert users.authenticate(session, "anne", "x" * 5000) is None
        assert [e.action for e in entries(session)] == ["user_add"]


@pytest.mark.parametrize("name, password, message", [
    ("a b", "langt-nok-passord", "brukernavnet"),
    ("", "langt-nok-passord", "brukernavnet"),
    ("../anne", "langt-nok-passord", "brukernavnet"),
    ("anne", "kort", "minst 10 tegn"),
])
def test_bad_names_and_short_passwords_are_refused(fresh_kb, name, password, message):
    _, engine = fresh_kb
    with pytest.raises(users.UserError, match=message):
        with transaction(engine) as session:
            users.add(session, name, password, by="test")


def test_a_name_is_taken_once_and_removed_with_a_record(fresh_kb):
    _, engine = fresh_kb
    with transaction(engine) as session:
        users.add(session, "Åse.Ødegård", "langt-nok-passord", by="test")
    with pytest.raises(users.UserError, match="finnes allerede"):
        with transaction(engine) as session:
            users.add(session, "Åse.Ødegård", "et-annet-passord", by="test")
    with transaction(engine) as session:
        users.remove(session, "Åse.Ødegård", by="test")
    with pytest.raises(users.UserError, match="fant ingen bruker"):
        with transaction(engine) as session:
            users.remove(session, "Åse.Ødegård", by="test")
    with session_for(engine) as session:
        assert users.everyone(session) == []
        assert [e.action for e in entries(session)] == ["user_remove", "user_add"]
