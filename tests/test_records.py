"""Records round-trip through ``to_dict``/``from_dict`` (and JSON), the form the store keeps them in."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from newsparallax.language import annotate_texts
from newsparallax.records import Annotated, Claim, DateEstimate, Event, TextSpan

TEXT = ("Prime Minister Fumio Kishida said on Wednesday that Japan would not join NATO. "
        "\"We are not aware of any decision made,\" he told reporters in Tokyo, where 3,000 people marched.")


def test_an_annotation_round_trips_through_json():
    [annotated] = annotate_texts([("a1", TEXT, "2023-05-25", False)])
    again = Annotated.from_dict(json.loads(json.dumps(annotated.to_dict())))
    assert again == annotated
    assert again.claims and again.events and again.timexes, "the example should exercise nested records"


def test_missing_optional_fields_take_their_defaults():
    data = DateEstimate("2023-05-25", False, "2023-05-25", "2023-05-25").to_dict()
    del data["evidence"]
    assert DateEstimate.from_dict(data).evidence == ()


spans = st.builds(TextSpan, st.integers(0, 500), st.integers(0, 500), st.text(max_size=20))


@given(st.builds(Event, date=st.text(max_size=10), timex=spans, sentence=spans, label=st.text(max_size=30),
                 subject=st.none() | st.text(max_size=10), predicate=st.none() | st.text(max_size=10),
                 object=st.none() | st.text(max_size=10), place=st.none() | st.text(max_size=10),
                 mentions=st.lists(st.tuples(st.integers(0, 99), st.integers(0, 99)), max_size=3).map(tuple),
                 reported=st.none() | st.tuples(st.none() | st.text(max_size=5), st.text(max_size=5), st.none())))
def test_events_round_trip(event):
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


@given(st.lists(st.tuples(st.text(max_size=5), st.floats(allow_nan=False, allow_infinity=False)), max_size=3))
def test_claim_numbers_come_back_as_floats(numbers):
    claim = Claim("C1", "a1", 0, 4, "text", None, None, None, (), (), tuple(numbers), False, "asserted", (), "outlet",
                  None, 0.5)
    assert Claim.from_dict(json.loads(json.dumps(claim.to_dict()))) == claim
