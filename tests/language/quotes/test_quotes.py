"""Quote and attribution extraction: handwritten patterns, the seed articles, a PolNeAR gate."""

from __future__ import annotations


import pytest

from newsparallax.language.nlp import load_nlp
from newsparallax.language.quotes import count_anonymous_sources, extract_quotes, headline_spans
from newsparallax.language.quotes.spans import quoted_segments
from newsparallax.records import Quote, TextSpan

from ...conftest import SHARED

SEEDS = SHARED / "corpus" / "seeds"
POLNEAR = SHARED / "eval" / "polnear"

# Measured on PolNeAR dev (84 articles) with this extractor; the gate allows 0.02 less.
DEV_CONTENT_OVERLAP_F1 = 0.892
DEV_SPEAKER_ACCURACY = 0.967


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quotes_of(nlp, text: str) -> list[Quote]:
    return extract_quotes(nlp(text))


def only(quotes: list[Quote], fragment: str) -> Quote:
    """The single quote whose content holds ``fragment``."""
    found = [q for q in quotes if fragment in q.content.text]
    assert len(found) == 1, [q.content.text for q in quotes]
    return found[0]


def spans_are_offsets(text: str, quotes: list[Quote]) -> bool:
    spans = [s for q in quotes for s in (q.content, q.speaker, q.cue, q.speaker_antecedent) if s is not None]
    return all(text[s.start:s.end] == s.text for s in spans)


# ---------------------------------------------------------------- direct quotes


def test_split_quote_gives_one_quote_per_part_with_one_speaker_and_cue(nlp):
    text = "The minister spoke late. “We will not back down,” she said, “not this week.”"
    quotes = quotes_of(nlp, text)
    assert [q.content.text for q in quotes] == ["“We will not back down,”", "“not this week.”"]
    assert {(q.speaker.text, q.cue.text, q.kind) for q in quotes} == {("she", "said", "direct")}
    assert spans_are_offsets(text, quotes)


def test_cue_before_the_quote(nlp):
    quote = only(quotes_of(nlp, "Abe wrote, “The human tragedy has taught us a bitter lesson.”"), "tragedy")
    assert (quote.kind, quote.speaker.text, quote.cue.text, quote.source_kind) == ("direct", "Abe", "wrote", "named")


def test_cue_after_the_quote_and_a_multi_sentence_quote(nlp):
    text = "“Kishida hopes to show resolve. He wants closer ties. Both matter,” NHK claimed."
    quote = only(quotes_of(nlp, text), "Both matter")
    assert quote.content.text.startswith("“Kishida hopes")
    assert (quote.speaker.text, quote.cue.text, quote.source_kind) == ("NHK", "claimed", "outlet")


def test_cue_in_the_middle_with_inverted_subject(nlp):
    text = "“It is a mistake,” said Jens Stoltenberg, “and we will say so.”"
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 2
    assert {q.speaker.text for q in quotes} == {"Jens Stoltenberg"}
    assert {q.source_kind for q in quotes} == {"named"}


def test_straight_quotes(nlp):
    quote = only(quotes_of(nlp, '"We are ready for talks," the foreign minister said.'), "ready")
    assert (quote.kind, quote.speaker.text) == ("direct", "the foreign minister")


def test_a_following_quote_without_a_cue_carries_on_the_attribution(nlp):
    text = "“We are ready,” NHK claimed. “Kishida wants to deepen collaboration with NATO.”"
    quotes = quotes_of(nlp, text)
    assert [q.speaker.text for q in quotes] == ["NHK", "NHK"]


# ---------------------------------------------------------------- indirect speech


def test_said_on_a_day_that(nlp):
    quote = only(quotes_of(nlp, "Kishida said on Wednesday that Japan would not join NATO."), "Japan")
    assert quote.kind == "indirect"
    assert quote.content.text == "that Japan would not join NATO"
    assert (quote.speaker.text, quote.cue.text) == ("Kishida", "said")


def test_told_someone_that(nlp):
    quote = only(quotes_of(nlp, "Kishida told reporters in Madrid that the summit had been a success."), "summit")
    assert quote.content.text == "that the summit had been a success"
    assert (quote.speaker.text, quote.cue.text) == ("Kishida", "told")


def test_according_to_before_and_after(nlp):
    before = only(quotes_of(nlp, "According to the Japanese Foreign Ministry, Kishida made the journey to show respect."), "journey")
    assert before.content.text == "Kishida made the journey to show respect"
    assert (before.speaker.text, before.cue.text, before.source_kind) == ("the Japanese Foreign Ministry", "According to", "organization")
    after = only(quotes_of(nlp, "Asian security is also relevant to European peace, according to Mr. Schuster."), "Asian")
    assert after.content.text == "Asian security is also relevant to European peace"
    assert (after.speaker.text, after.source_kind) == ("Mr. Schuster", "named")


@pytest.mark.parametrize("verb", ["claimed", "warned", "asserted", "announced", "insisted", "suggested", "reported"])
def test_verbs_of_saying(nlp, verb):
    quote = only(quotes_of(nlp, f"The senator {verb} that the deal would collapse within weeks."), "deal")
    assert (quote.kind, quote.speaker.text, quote.cue.text) == ("indirect", "The senator", verb)


def test_denied_takes_its_object(nlp):
    quote = only(quotes_of(nlp, "The ministry denied the report about secret talks."), "report")
    assert quote.speaker.text == "The ministry"


def test_passive_with_an_agent(nlp):
    quote = only(quotes_of(nlp, "It was reported by NHK that the prime minister would travel to Vilnius."), "Vilnius")
    assert (quote.speaker.text, quote.source_kind) == ("NHK", "outlet")


def test_two_sources_for_one_clause(nlp):
    text = "Kishida spoke in Tokyo. He told the parliament that Japan would not join the bloc, according to Reuters."
    quotes = quotes_of(nlp, text)
    told = next(q for q in quotes if q.cue.text == "told")
    assert (told.speaker.text, told.speaker_antecedent.text) == ("He", "Kishida")
    reuters = next(q for q in quotes if q.cue.text == "according to")
    assert (reuters.speaker.text, reuters.source_kind) == ("Reuters", "outlet")
    assert "Japan would not join the bloc" in reuters.content.text


# ---------------------------------------------------------------- speakers


def test_pronoun_goes_back_to_the_previous_speaker(nlp):
    text = "Asian security matters to Europe, according to Mr. Schuster.\n“Europe has a very extensive trading interest,” he said."
    quote = only(quotes_of(nlp, text), "trading")
    assert (quote.speaker.text, quote.speaker_antecedent.text, quote.source_kind) == ("he", "Mr. Schuster", "named")


def test_pronoun_gender_from_titles(nlp):
    text = "Ms. Tanaka met Mr. Sato in Osaka on Monday.\n“It went very well for both of us,” he said."
    quote = only(quotes_of(nlp, text), "went")
    assert quote.speaker_antecedent.text == "Mr. Sato"


@pytest.mark.parametrize("subject", [
    "Government sources", "Unnamed officials", "Officials who asked not to be named", "A spokesperson",
    "Sources familiar with the matter", "People familiar with the talks", "Senior officials", "A source",
])
def test_anonymous_sources(nlp, subject):
    quote = only(quotes_of(nlp, f"{subject} said that the plan was ready."), "plan")
    assert quote.source_kind == "anonymous"


@pytest.mark.parametrize("subject", ["The Harbour Times", "Kyodo News", "Reuters", "The Washington Post", "Japan’s NHK news agency"])
def test_outlets(nlp, subject):
    quote = only(quotes_of(nlp, f"{subject} reported that the talks had stalled."), "talks")
    assert quote.source_kind == "outlet"


@pytest.mark.parametrize("subject", ["The Japanese Foreign Ministry", "Beijing", "The statement", "The government"])
def test_organizations(nlp, subject):
    quote = only(quotes_of(nlp, f"{subject} warned that the move would undermine peace."), "peace")
    assert quote.source_kind == "organization"


def test_count_anonymous_sources_counts_a_split_quote_once(nlp):
    text = "“We will not back down,” a spokesperson said, “not this week.” Kishida said that Japan was ready."
    quotes = quotes_of(nlp, text)
    assert [q.source_kind for q in quotes].count("anonymous") == 2
    assert count_anonymous_sources(quotes) == 1


# ---------------------------------------------------------------- not speech


def test_scare_quote_inside_reported_speech_belongs_to_it(nlp):
    quotes = quotes_of(nlp, "China has responded with bombast and warned that Japan could soon become “the Ukraine of Asia.”")
    assert len(quotes) == 1
    assert quotes[0].kind == "indirect" and quotes[0].speaker.text == "China"
    assert quotes[0].content.text == "that Japan could soon become “the Ukraine of Asia.”"


def test_quoted_word_and_title_are_not_quotes(nlp):
    text = ("The two regions are “inseparable” in many ways. "
            "Talks covered a document known as the “Individually Tailored Partnership Program.”")
    assert quotes_of(nlp, text) == []


def test_headline_quotes_are_skipped(nlp):
    text = "Trump: “We will win big in Iowa”\nThe rally went on until late."
    assert quotes_of(nlp, text) == []
    assert headline_spans(text) == [(0, 32)]


def test_quoted_segments_handle_open_paragraphs_and_double_apostrophes():
    assert quoted_segments("“One,” two.\n“Three is open\n''Four,'' five.") == [(0, 6), (12, 26), (27, 36)]


def test_sorted_by_content_start(nlp):
    text = "Kishida said that Japan was ready. “We agree,” NHK claimed. Officials said talks would resume."
    starts = [q.content.start for q in quotes_of(nlp, text)]
    assert starts == sorted(starts) and len(starts) == 3


def test_count_anonymous_sources_without_quotes():
    span = TextSpan(0, 1, "x")
    assert count_anonymous_sources([]) == 0
    assert count_anonymous_sources([Quote(span, "indirect", span, span, None, "named")]) == 0


# ---------------------------------------------------------------- seed articles


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")

    def read(prefix: str) -> tuple[str, list[Quote]]:
        text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
        return text, extract_quotes(nlp(text))

    return read


def test_seed_000(seed_quotes):
    text, quotes = seed_quotes("000")
    assert spans_are_offsets(text, quotes)
    nhk = only(quotes, "In Lithuania, Kishida hopes")
    assert (nhk.kind, nhk.speaker.text, nhk.source_kind) == ("direct", "NHK", "outlet")
    kyodo = only(quotes, "Kishida was interested in discussing the potential NATO liaison office")
    assert (kyodo.kind, kyodo.speaker.text, kyodo.cue.text, kyodo.source_kind) == ("indirect", "Kyodo", "claimed", "outlet")
    abe = [q for q in quotes if q.cue is not None and q.cue.text == "wrote"]
    assert len(abe) == 2 and {(q.speaker.text, q.source_kind) for q in abe} == {("Abe", "named")}
    nato = only(quotes, "NATO allies have agreed")
    assert (nato.speaker.text, nato.source_kind) == ("Stoltenberg", "named")
    assert any(q.source_kind == "anonymous" and "government sources" in q.speaker.text for q in quotes)
    assert count_anonymous_sources(quotes) >= 2  # "Senior Japanese officials", "government sources"
    assert not any(q.content.text.strip("“”.") in ("the Ukraine of Asia", "inseparable") for q in quotes)


def test_seed_001(seed_quotes):
    text, quotes = seed_quotes("001")
    spokesperson = only(quotes, "If we push NATO’s presence")
    assert (spokesperson.speaker.text, spokesperson.source_kind) == ("a French foreign ministry spokesperson", "anonymous")
    europe = only(quotes, "Europe has a very extensive")
    assert (europe.speaker.text, europe.speaker_antecedent.text, europe.source_kind) == ("he", "Mr. Schuster", "named")


def test_seed_002_has_no_direct_quotes(seed_quotes):
    _, quotes = seed_quotes("002")
    assert not [q for q in quotes if q.kind == "direct"]


def test_seed_004(seed_quotes):
    _, quotes = seed_quotes("004")
    told = [q for q in quotes if "Tokyo would not be joining" in q.content.text]
    he = next(q for q in told if q.cue.text == "told")
    assert (he.kind, he.speaker.text, he.source_kind) == ("indirect", "He", "named")
    assert "Kishida" in he.speaker_antecedent.text
    reuters = next(q for q in told if q.cue.text == "according to")
    assert (reuters.speaker.text, reuters.source_kind) == ("Reuters", "outlet")
    beijing = only(quotes, "will inevitably undermine")
    assert (beijing.speaker.text, beijing.source_kind) == ("Beijing", "organization")


# ---------------------------------------------------------------- quality gate


@pytest.mark.slow
def test_polnear_dev_quality_gate():
    if not (POLNEAR / "dev" / "attributions").is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR}")
    from newsparallax.evaluation.quotes import evaluate_quotes

    speech = evaluate_quotes(POLNEAR, "dev")["speech"]
    assert speech["content_overlap"]["f1"] >= DEV_CONTENT_OVERLAP_F1 - 0.02
    assert speech["speaker_accuracy"] >= DEV_SPEAKER_ACCURACY - 0.02
