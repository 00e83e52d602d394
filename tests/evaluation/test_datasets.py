"""The ECB+ and BASIL loaders, on the real development data when ../shared/eval is present.

The detokenizer has unit tests of its own; everything else is checked against
the data itself, and skipped in a clone without it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from newsparallax.evaluation.datasets import detokenize, load_basil, load_ecbplus, token_surface
from newsparallax.errors import InputError

from ..conftest import EVAL


# ---------------------------------------------------------------- detokenizer


def test_detokenize_ptb_tokens():
    tokens = ["``", "We", "ca", "n't", "stop", "now", ",", "''", "Reid", "'s", "rep", "said", "-LRB-", "Friday",
              "-RRB-", "of", "the", "$", "1", "million", "deal", "..."]
    text, spans = detokenize(tokens)
    assert text == '"We can\'t stop now," Reid\'s rep said (Friday) of the $1 million deal...'
    assert [text[start:end] for start, end in spans] == [token_surface(t) for t in tokens]


def test_detokenize_quotes_alternate_even_when_mislabelled():
    # ECB sentence 1_14ecb: the closing quote is tokenized as `` too.
    text, _ = detokenize(["``", "Her", "family", "is", "supportive", ",", "``", "a", "friend", "said", "."])
    assert text == '"Her family is supportive," a friend said.'


def test_detokenize_plural_possessive_and_closing_single_quote():
    text, _ = detokenize(["the", "players", "'", "union", "called", "it", "'social", "drinking", "'", "."])
    assert text == "the players' union called it 'social drinking'."


def test_detokenize_split_punctuation():
    tokens = ["The", "free", "-", "agent", "signed", "at", "4", ":", "00pm", "on", "05", "/", "02", "/", "2013",
              "in", "the", "U", ".", "S", ".", "for", "$200", "-", "-", "That", "’", "s", "20", ",", "000", "fans",
              "on", "FoxSports", ".", "com"]
    text, spans = detokenize(tokens, split_punctuation=True)
    assert text == ("The free-agent signed at 4:00pm on 05/02/2013 in the U.S. for $200 -- That’s 20,000 fans "
                    "on FoxSports.com")
    assert [text[start:end] for start, end in spans] == tokens


def test_detokenize_keeps_spaced_dashes_and_blank_tokens():
    text, spans = detokenize(["men", "-", "sons", "of", "a", "dentist", "\t", "-", "stood", "by"])
    assert text == "men - sons of a dentist - stood by"
    assert spans[6][0] == spans[6][1]  # the blank token has no width


# ---------------------------------------------------------------- ECB+


@pytest.fixture(scope="module")
def ecb() -> dict[str, object]:
    root = EVAL / "ecbplus"
    if not (root / "ECB+").is_dir():
        pytest.skip(f"ECB+ data not found at {root}")
    return {doc.doc_id: doc for doc in load_ecbplus(root)}


def test_ecb_counts_and_subtopics(ecb):
    assert len(ecb) == 772
    assert all(doc.subtopic for doc in ecb.values())
    assert {doc.subtopic.split("_")[1] for doc in ecb.values()} == {"ecb", "plus"}
    assert all(doc.subtopic.startswith(f"{doc.topic}_") for doc in ecb.values())


def test_ecb_text_reads_as_english(ecb):
    for doc in ecb.values():
        assert " ," not in doc.text and " 's " not in doc.text and " n't" not in doc.text, doc.doc_id
        assert "``" not in doc.text and "-LRB-" not in doc.text and "  " not in doc.text, doc.doc_id
    assert ecb["13_9ecb.xml"].text.split("\n")[2] == (
        "The fire caused more than $1 million in damages, the Anchorage Daily News reported.")
    assert ecb["28_9ecb.xml"].text.startswith(
        'W. Mark Felt, who remained anonymous for more than three decades as the source known as "Deep Throat" in')
    assert "it's also where Mel Gibson" in ecb["1_8ecb.xml"].text
    assert "(12 Somali and 11 Yemeni)" in ecb["12_5ecb.xml"].text
    assert "to free-agent 1B Mark Teixeira, reports FoxSports.com and Yahoo! Sports." in ecb["10_9ecbplus.xml"].text


def test_ecb_token_offsets_map_into_the_text(ecb):
    for doc in ecb.values():
        placed = [t for t in doc.tokens if t.start is not None]
        assert placed, doc.doc_id
        assert all(doc.text[t.start:t.end] == token_surface(t.text) for t in placed), doc.doc_id
        assert [t.t_id for t in doc.tokens] == sorted(t.t_id for t in doc.tokens)


def test_ecb_url_and_date_lines_become_fields(ecb):
    doc = ecb["1_10ecbplus.xml"]
    assert doc.url == "http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504"
    assert doc.date == "2013-05-03"
    assert doc.text.startswith("Lindsay Lohan checks into Betty Ford Center\nAfter skipping out on entering")
    assert "http" not in doc.text and "May 03, 2013" not in doc.text
    assert ecb["26_11ecbplus.xml"].date == "2005-12-20"  # Published : Tuesday , Dec . 20 2005 12 : 00 a . m . MST
    assert ecb["23_1ecbplus.xml"].date == "2013-09-14"  # Last updated 13 : 26 14 / 09 / 2013
    assert ecb["16_3ecbplus.xml"].date is None  # "End of Watch: Friday, June 24, 2005" is not a publication line
    with_url = [doc for doc in ecb.values() if doc.url]
    assert len(with_url) == 381 and all(doc.doc_id.endswith("ecbplus.xml") for doc in with_url)
    assert sum(1 for doc in with_url if doc.date) >= 300
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", doc.date) for doc in ecb.values() if doc.date)


def test_ecb_mentions_and_clusters(ecb):
    doc = ecb["1_10ecbplus.xml"]
    lohan = next(m for m in doc.mentions if m.mention_id == 1)
    assert (lohan.kind, lohan.type, lohan.text, lohan.cluster) == ("entity", "HUMAN_PART_PER", "Lindsay Lohan", "HUM15732980283919140")
    assert doc.text[lohan.start:lohan.end] == "Lindsay Lohan"
    kinds = Counter(m.kind for d in ecb.values() for m in d.mentions)
    assert kinds["event"] > 10_000 and kinds["entity"] > 10_000
    assert all(m.type.startswith(("ACTION", "NEG_ACTION")) == (m.kind == "event") for d in ecb.values() for m in d.mentions)
    for d in ecb.values():
        for m in d.mentions:
            if m.start is not None:
                assert d.text[m.start:m.end] == m.text
    # A cross-document chain spans documents of its topic.
    docs_of_chain = defaultdict(set)
    for d in ecb.values():
        for m in d.mentions:
            if m.cluster:
                docs_of_chain[m.cluster].add(d.doc_id)
    assert docs_of_chain["HUM15732980283919140"] > {"1_10ecbplus.xml", "1_11ecbplus.xml"}


def test_ecb_missing_folder_is_named(tmp_path):
    with pytest.raises(InputError, match=re.escape(str(tmp_path))):
        load_ecbplus(tmp_path)


# ---------------------------------------------------------------- BASIL


@pytest.fixture(scope="module")
def basil():
    root = EVAL / "basil"
    if not (root / "articles").is_dir():
        pytest.skip(f"BASIL data not found at {root}")
    return load_basil(root)


def test_basil_triplets_have_three_outlets(basil):
    assert len(basil) == 210
    outlets = defaultdict(list)
    for article in basil:
        outlets[article.triplet].append(article.outlet)
    assert len(outlets) == 70
    assert all(sorted(found) == ["fox", "hpo", "nyt"] for found in outlets.values())
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", a.date) and a.url.startswith("http") for a in basil)


def test_basil_span_offsets_match_their_text(basil):
    spans = [(article, span) for article in basil for span in article.annotations]
    assert len(spans) > 1000
    assert {span.bias for _, span in spans} == {"lexical", "informational"}
    for article, span in spans:
        source = article.title if span.sentence is None else article.text
        assert source[span.start:span.end] == span.text and span.text
        if span.sentence is not None:
            start, end = article.sentence_spans[span.sentence]
            assert start <= span.start <= span.end <= end


def test_basil_known_span(basil):
    article = next(a for a in basil if a.article_id == "2b95d2cf-e979-4f9c-ae27-9a5370934f23_1")
    assert article.outlet == "nyt" and article.date == "2010-07-02"
    first = article.annotations[0]
    assert (first.bias, article.text[first.start:first.end]) == ("lexical", "fierce")
    assert article.text.startswith("WASHINGTON — Michael Steele, chairman of the Republican National Committee")


def test_basil_missing_folder_is_named(tmp_path):
    with pytest.raises(InputError, match="BASIL data not found"):
        load_basil(tmp_path)
