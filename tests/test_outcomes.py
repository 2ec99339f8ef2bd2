"""An import's outcomes are an enum (core.rules.Outcome) whose members are the words stored in
held_packages.reason and printed by `ttdn`: an old database's rows still read, and a label is
found whether the outcome comes from the rules or from a row."""

import json
import sqlite3

from ttdn_desktop.core.rules import LABELS, NOT_DONE, Outcome, REJECTED, WORD

STORED_WORDS = {"new", "newer", "same", "older", "conflict", "unknown_agency", "rejected",
                "signature", "skipped", "request", "word"}


def test_every_outcome_is_the_word_it_always_was():
    assert {str(o) for o in Outcome} == STORED_WORDS
    assert {f"{o}" for o in Outcome} == STORED_WORDS
    assert json.dumps([REJECTED]) == '["rejected"]'
    assert set(LABELS) == set(Outcome)


def test_an_outcome_stored_and_read_back_is_the_same_outcome():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE held (reason TEXT)")
    db.executemany("INSERT INTO held VALUES (?)", [(o,) for o in Outcome])
    rows = [r for (r,) in db.execute("SELECT reason FROM held WHERE typeof(reason) = 'text'")]
    assert rows == [o.value for o in Outcome]
    assert Outcome(rows[-1]) is WORD and LABELS[rows[-1]] == LABELS[WORD]
    assert "conflict" in NOT_DONE
