"""Word lists for quote extraction: verbs of saying, news outlets, anonymous sources.

Kept apart from the rules in ``quotes.py`` so that they can be read, and
extended, at a glance. All entries are lower case.

Example:
    >>> "say" in SPEECH_VERBS and "think" not in SPEECH_VERBS
    True
"""

from __future__ import annotations

# Verbs that report an utterance and take what was said as a complement
# ("said that ...", "“...,” she said"). Mental-state verbs (think, believe,
# hope) are left out on purpose: they attribute an opinion, not a quote.
SPEECH_VERBS = frozenset("""
say tell write add ask note report announce claim argue explain declare tweet
state warn insist reply respond suggest acknowledge admit deny assert confirm
stress emphasize emphasise recall comment remark mention predict promise vow
pledge urge complain contend maintain testify reiterate repeat concede boast
allege counter retort answer inform disclose reveal observe caution quip joke
proclaim affirm lament post continue conclude indicate charge threaten signal
""".split())

# Verbs that report speech only when a clause follows; with a bare object
# ("continued the tour", "posted a photo") they are not speech.
CLAUSE_ONLY_VERBS = frozenset("continue conclude indicate post signal add charge answer counter observe".split())

# Speech verbs whose direct object is the content ("announced his candidacy",
# "denied the report"); for the others a bare object is rarely what was said.
OBJECT_CONTENT_VERBS = frozenset("announce deny confirm reveal disclose predict promise pledge vow".split())

# Verbs that introduce a secondary source for the same content
# ("..., citing unnamed government sources").
CITING_VERBS = frozenset({"cite"})

# Outlets by name; more are caught by the name patterns below.
OUTLET_NAMES = frozenset("""
reuters ap afp nhk kyodo xinhua tass ria bloomberg cnn bbc msnbc nbc abc cbs fox npr pbs
politico axios yonhap nikkei asahi yomiuri mainichi sankei jiji dpa ansa efe bernama
breitbart huffpost vox slate salon buzzfeed vice newsweek time forbes cnbc c-span
al\u00a0jazeera aljazeera sputnik rt interfax ukrinform yle spiegel bild lemonde le\u00a0monde
""".split()) | {"associated press", "agence france-presse", "al jazeera", "the hill", "daily beast",
                 "global times", "people's daily", "people’s daily", "the economist", "le monde",
                 "der spiegel", "the atlantic", "the intercept", "nikkei asia", "south china morning post",
                 "fox news", "sky news", "nbc news", "abc news", "cbs news", "china daily"}

# Last words of outlet names ("Kyodo News", "the Harbour Times").
OUTLET_NAME_HEADS = frozenset("""
news times post journal herald tribune guardian telegraph gazette chronicle daily
wire press radio tv television broadcasting examiner observer independent sun mail
express monitor review standard star today weekly magazine newspaper insider beacon
""".split())

# Common nouns that name an outlet ("the newspaper reported").
OUTLET_NOUNS = frozenset("newspaper paper outlet broadcaster agency tabloid daily network channel magazine".split())

# Heads of unnamed-source phrases ("government sources", "a spokesperson").
ANONYMOUS_HEADS = frozenset("""
source sources official officials spokesperson spokesman spokeswoman spokespeople aide aides
insider insiders diplomat diplomats staffer staffers adviser advisers advisor advisors
person people someone somebody representative representatives
""".split())

# Words that make a phrase anonymous whatever its head ("people familiar with").
ANONYMITY_MARKERS = ("unnamed", "anonymous", "anonymity", "not to be named", "not be named",
                     "familiar with", "not authorized", "not authorised", "declined to be identified")

# Heads of organization phrases that spaCy does not tag as ORG.
ORGANIZATION_HEADS = frozenset("""
ministry government company statement administration department committee commission
agency campaign party office embassy council court board firm group union bank
police military army navy team report study poll survey document documents filing filings
spokesperson's white house kremlin pentagon parliament congress senate cabinet
organization organisation association alliance foundation institute university
""".split())

MALE_TITLES = frozenset("mr mr. sir lord king prince".split())
FEMALE_TITLES = frozenset("ms ms. mrs mrs. miss madam lady queen princess".split())

MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
PLURAL_PRONOUNS = frozenset("they them their".split())

# Common nouns for people and bodies who can say something ("the senator",
# "critics"); with the role suffixes in ``AGENT_SUFFIXES`` they tell a speaker
# from the abstract subject a mis-parse hands a participle ("the struggle").
AGENT_NOUNS = frozenset("""
candidate president governor official leader chairman chairwoman chair director voter supporter
critic expert analyst lawmaker member strategist adviser advisor aide manager secretary minister
ambassador judge lawyer attorney prosecutor activist author reporter editor journalist writer
researcher professor economist pollster campaign group organization company firm agency woman man
people person mother father friend resident worker owner executive ceo founder host billionaire
front-runner frontrunner nominee rival opponent ally wife husband son daughter family doctor officer
police chief head commander general mayor speaker team staff fan audience crowd protester student
teacher victim witness caller user spokesman spokeswoman spokesperson source senator congressman
congresswoman representative delegate republican democrat conservative liberal progressive
administration government ministry department committee party office embassy council court board
union bank military army navy cabinet parliament congress senate alliance foundation institute
university school church newspaper outlet network magazine paper everyone anyone someone nobody
""".split())

AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eur")
