"""The surface grammar of temporal expressions: word lists and compiled patterns.

Each rule is a named regular expression over the raw text; ``timex.py`` runs
them all, keeps the longest non-overlapping matches and hands each one, with
its named groups, to ``timex/normalize.py``. The span conventions follow the
TimeBank / TempEval-3 gold: a leading "the" and modifiers such as "nearly",
"early" or "at least" are part of the expression ("the past three months",
"early next year"); prepositions ("on", "in") and a possessive "'s" are not.

Example:
    >>> [(r.kind, m.group()) for r in RULES for m in r.pattern.finditer("He left on Friday.")]
    [('weekday', 'Friday')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "single": 1, "dozen": 12, "half": 0.5,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "final": 4, "last": 4,
}
VAGUE_QUANTITIES = ("a few", "few", "several", "many", "some", "a number of", "a couple of",
                    "couple of", "a couple", "numerous", "countless", "dozens of", "hundreds of")
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
             "mid-afternoon": "AF", "midafternoon": "AF", "midmorning": "MO", "mid-morning": "MO"}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "F", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "E", "century": "C", "centurie": "C",
}
MODIFIERS = {
    "about": "APPROX", "around": "APPROX", "nearly": "APPROX", "almost": "APPROX", "roughly": "APPROX",
    "approximately": "APPROX", "some": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE",
    "early": "START", "the beginning of": "START", "the start of": "START", "the dawn of": "START",
    "late": "END", "the end of": "END", "the close of": "END", "mid": "MID", "mid-": "MID",
    "the middle of": "MID", "the mid": "MID",
}


def _alternation(words, suffix: str = "") -> str:
    """A regex alternation of ``words``, longest first so that "Sept" wins over "Sep"."""
    return "(?:" + "|".join(re.escape(w) + suffix for w in sorted(words, key=len, reverse=True)) + ")"


# Month and weekday names are matched case-sensitively (capitalized): "may",
# "march" and "sun" in lower case are a verb, a noun and a star far more often.
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH = rf"(?P<month>(?:{_MONTH_FULL})\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
WEEKDAY = (r"(?P<weekday>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
           r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)")
_ORD_WORDS = _alternation([w for w in ORDINALS if w not in ("final", "last")])
DAY = rf"(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|(?i:{_ORD_WORDS})\b)"
YEAR = r"(?P<year>(?<![\d$€£,.])(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d))"
_NUM_WORD = _alternation([w for w in NUMBER_WORDS if len(w) > 2] + ["hundred", "thousand"])
_DIGITS = r"\d+(?:\.\d+)?(?:\s+\d/\d|\s*½)?"
_VAGUE = _alternation(VAGUE_QUANTITIES)
NUM = (rf"(?:{_DIGITS}|{_NUM_WORD}(?:[\s-]+(?:and\s+)?{_NUM_WORD})*(?:\s+and\s+a\s+half)?"
       rf"|{_VAGUE}|an?(?:\s+half)?)")
_UNIT = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|centur(?:y|ie))"
_APPROX = (r"(?:(?P<mod>around|nearly|roughly|approximately|more\s+than|less\s+than|at\s+least"
           r"|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|some|well\s+over)\s+)")
_POINT_MOD = (r"(?:(?P<pmod>early|late|mid|the\s+(?:end|beginning|start|middle|close|dawn"
              r"|rest|remainder|balance)\s+of|(?:the\s+)?(?:first|second|last|final)\s+(?:half"
              r"|part|weeks?|days?|months?)\s+of)[\s-]+)")
_TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|Z|local\s+time))"
CLOCK = (r"(?P<clock>(?:(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\b(?:\.(?!\s+(?-i:[a-z])))?|[ap]m\b)"
         r"|(?P<hour24>[01]\d|2[0-3]):(?P<minute24>[0-5]\d)\b(?!\s*(?:percent|%))|(?P<noon>noon|midnight|midday)\b)" + _TZ + "?)")
_DAYWORD = r"(?P<dayword>yesterday|today|tomorrow|tonight)"
_REL = r"(?P<rel>this|last|next|past|previous|coming|current|following|same|latest|recent)"
WEEKDAY_A = WEEKDAY.replace("?P<weekday>", "?P<wd_a>")
YEAR_B = YEAR.replace("?P<year>", "?P<year_b>")
YEAR_C = YEAR.replace("?P<year>", "?P<year_c>")
_TIME_ANCHOR = rf"(?:{_DAYWORD}|{WEEKDAY}|{MONTH}\s+(?P<day>\d{{1,2}})\b)"


@dataclass(frozen=True)
class Rule:
    """One kind of expression: a name for the normalizer and its compiled pattern."""

    kind: str
    pattern: re.Pattern[str]


def _rule(kind: str, pattern: str, flags: int = 0) -> Rule:
    # Every expression starts at a word boundary; saying so up front lets the
    # engine skip mid-word positions at once, several times faster overall.
    head = "(?i)" if pattern.startswith("(?i)") else ""
    return Rule(kind, re.compile(head + r"(?<!\w)" + pattern[len(head):], flags))


_I = re.IGNORECASE
RULES: tuple[Rule, ...] = (
    # "Monday, Oct. 26, 1998", "Aug. 7, 1998", "late Sept. 30", "August 7"
    _rule("month_day", rf"(?:(?i:{_POINT_MOD}))?(?:{WEEKDAY_A},?\s+)?{MONTH}\s+{DAY}(?:(?:,\s*|\s+){YEAR})?"
        rf"(?![\d:]|\s*(?:percent|%))"),
    _rule("day_month", rf"\b(?:{WEEKDAY_A},?\s+)?(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\s+"
        rf"(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"),
    _rule("iso_date", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    _rule("slash_date", r"\b(?P<month>0?[1-9]|1[0-2])/(?P<day>0?[1-9]|[12]\d|3[01])/(?P<year>(?:19"
        r"|20)?\d\d)\b"),
    # "June 1989", "January this year", "July last year", "late November", "last April"
    _rule("month_year", rf"(?:{_POINT_MOD})?{MONTH}(?:,?\s+(?:of\s+)?{YEAR}|\s+(?P<yrel>this|last|next)\s+year\b)"),
    _rule("month", rf"(?:(?P<mrel>(?i:last|next|this|coming|past))\s+|(?i:{_POINT_MOD}))?{MONTH}(?!\s*\d)"),
    # "fiscal 1989", "the end of 1990", "mid-1996", "the year 2000", "1998's"
    _rule("year", rf"(?:(?i:{_POINT_MOD}))?(?:(?i:(?:the\s+)?(?P<fiscal>fiscal|calendar"
        rf"|(?:fiscal|calendar|model|school)\s+year|year))\s+)?{YEAR}\b"
                  rf"(?:\s+(?P<period>period)\b)?"),
    _rule("spoken_year", r"(?i)(?:the\s+year\s+)?\b(?P<spoken>nineteen[\s-]+(?:(?:twenty|thirty|forty"
        r"|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six"
        r"|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
        r"|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+and\s+(?:one|two"
        r"|three|four|five|six|seven|eight|nine|ten))?)\b"),
    _rule("year_end", r"(?i)\b(?P<yearend>year[\s-]end)\b"),
    _rule("decade", rf"(?i:(?P<det>the\s+))?(?i:{_POINT_MOD})?(?P<decade>(?:1[5-9]|20)\d0|['’]\d0)['’]?s\b"),
    _rule("decade_word", r"(?i:(?:the\s+)?(?P<pmod>early|late|mid)?[\s-]*)\b(?P<decword>(?:nineteen\s+)?"
        r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"),
    _rule("century", rf"(?i)(?:the\s+)?(?:{_POINT_MOD})?(?P<cent>\d{{1,2}}(?:st|nd|rd|th)|{_ORD_WORDS}"
        rf"|twenty-first)\s+century\b"),
    _rule("century_rel", r"(?i)\b(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next)\s+century\b"),
    # quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter of 1990",
    # "the year-ago quarter"
    _rule("quarter", rf"(?i)\b(?:(?P<pmod>the\s+(?:end|beginning|start|middle|rest)\s+of)\s+)?(?:"
        rf"(?P<yref>(?:this|last|next)\s+year['’]s|{YEAR_B}['’]s)\s+|(?P<skip>its|their"
        rf"|his|her|a|an)\s+|(?P<det>the|this|that)\s+)?(?P<core>(?:{YEAR_C}\s+)?(?:"
        rf"(?P<qrel>latest|current|previous|past|last|next|coming|same|recent|year-earlier"
        rf"|year-ago|comparable|prior|prior-year|year-before|corresponding)\s+)?(?:"
        rf"(?P<qrel2>year-earlier|year-ago)\s+)?(?:(?P<fiscal>fiscal)[\s-]+)?(?:(?P<qadj>flat"
        rf"|strong|weak|difficult|disappointing|record)\s+)?(?:(?P<qord>first|second"
        rf"|third|fourth|final|1st|2nd|3rd|4th|last)(?P<hyph>[\s-]+))?(?:(?P<fiscal2>fiscal)[\s-]+)?"
        rf"(?P<qunit>quarter|half|period)(?P<plural>s)?\b(?:\s+(?:of|in|for)\s+(?:{YEAR}"
        rf"|(?:fiscal\s+)?(?P<qyrel>this|last|next|the\s+current|the\s+previous)\s+"
        rf"(?:fiscal\s+)?year))?(?:\s+(?P<qyrel2>last|this|next)\s+year\b)?)"),
    _rule("season", rf"(?:(?i:the)\s+)?(?:(?i:(?P<srel>this|last|next|past|coming|early|late|mid"
        rf"|the|this\s+past)[\s-]+)|(?i:{_POINT_MOD}))?(?P<season>(?i:spring|summer"
        rf"|autumn|winter)|[Ff]all)(?:\s+(?:of\s+)?{YEAR})?\b(?!\s+of\s+(?!nineteen"
        rf"|two\s+thousand))(?!\s+in\s+(?:the|a|an|prices|shares))"),
    # "last week", "this month", "earlier this year", "the past year", "the current fiscal year", "next week's"
    _rule("rel_unit", rf"(?i)(?:(?P<shift>earlier|later|early|late|mid)[\s-]+|(?:{_POINT_MOD}))?(?:"
        rf"(?P<det>the)\s+)?(?:{_REL}|(?P<fisc>fiscal))\s+(?:(?:fiscal|calendar)\s+)?"
        rf"(?P<unit>week(?:end)?|month|year|decade|fiscal\s+year)\b(?![-\s]+(?:ago|earlier))"),
    # "the year", "the week", "the day", "the weekend", "the month" (the one the story is about)
    _rule("the_unit", r"(?i)\b(?:(?P<shift>earlier|later)\s+(?=that\b))?(?:(?P<pmod>the\s+(?:end"
        r"|beginning|start|middle|rest|remainder|balance)\s+of)\s+)?(?P<det>the|that)\s+"
        r"(?:(?P<full>full|entire|whole|fiscal)\s+)?(?P<unit>weekend|year|week|month"
        r"|morning|afternoon|evening|night)\b(?!\s+(?:of|before|after|earlier|later"
        r"|ago|when|in|that|he|she|they|it|we|I|you|and)\b)(?![-\s](?:ago|earlier|old"
        r"|end)\b)"),
    _rule("ago", rf"(?i)(?:{_APPROX})?(?P<num>{NUM})(?:\s+or\s+so)?[\s-]+(?P<unit>{_UNIT})s?"
        rf"(?:\s+or\s+so)?[\s-]+(?P<dir>ago\b|earlier\b|later\b|from\s+now\b|hence\b"
        rf"|before(?=\s*[,.;:!?)'\"]|\s*$))"),
    _rule("year_ago", r"(?i)\b(?P<unit>year|month|week|quarter)-(?P<dir>earlier|ago|before)\b(?:\s+"
        r"(?P<qunit>quarter|period|nine\s+months|six\s+months|month|week))?"),
    _rule("dayword", rf"(?i)(?:(?P<shift>early|late|mid|earlier|later)[\s-]+)?\b(?:{_DAYWORD}(?:\s+"
        rf"(?P<part>morning|afternoon|evening|night))?|(?P<thispart>this|last|tomorrow"
        rf"|yesterday)\s+(?P<part2>morning|afternoon|evening|night)|(?P<part3>mid-?afternoon"
        rf"|morning|afternoon|evening)\s+(?P<dayword2>yesterday|today|tomorrow))\b"),
    _rule("weekday", rf"(?:(?i:(?P<wrel>last|next|this|this\s+coming|this\s+past|early|late|mid|earlier"
        rf"|later|the\s+previous|the\s+following)\s+))?{WEEKDAY}(?:\s+(?P<part>morning"
        rf"|afternoon|evening|night)\b)?(?:(?i:,?\s+)(?P<wdate>{MONTH}\s+(?P<day>\d{{1,2}})\b"
        rf"(?:,\s*{YEAR})?))?"),
    _rule("time", rf"(?i)(?:(?P<tmod>about|around|approximately|shortly\s+(?:before|after)|just\s+"
        rf"(?:before|after))\s+)?{CLOCK}(?:(?:,?\s+|\s+on\s+){_TIME_ANCHOR})?"),
    _rule("time_anchor_first", rf"(?i){_TIME_ANCHOR}(?:\s+at)?\s+{CLOCK}"),
    _rule("duration", rf"(?i)(?:{_APPROX})?(?:(?P<skip>its|their|his|her|our)\s+)?(?:(?P<det>the|these"
        rf"|those|a|an)\s+)?(?P<core>(?:(?P<drel>past|last|next|first|previous|coming"
        rf"|final|following|latest|recent|remaining|initial|same|entire|whole|full|additional"
        rf"|further|ensuing|preceding|other|few)\s+)?(?P<num>{NUM})(?:\s+or\s+so)?(?:\s*"
        rf"(?:-|to|or|and)\s*(?P<num2>{NUM}))?(?:\s+(?:more|additional|long|full|straight"
        rf"|consecutive|successive|further))?[\s-]+(?P<unit>{_UNIT})(?P<plural>s)?\b"
        rf"(?:\s+or\s+(?:so|two|three|more)\b)?)(?:\s*(?:-|\s)(?P<tail>long|old)\b)?"
        rf"(?:\s+(?P<noun>period|term|span|stretch)\b)?"),
    _rule("duration_vague", rf"(?i)(?:(?P<det>the|these|those)\s+)?(?P<drel>recent|past|coming|next|last"
        rf"|ensuing|previous)\s+(?:(?P<vq>{_VAGUE})\s+)?(?P<unit>second|minute|hour"
        rf"|day|week|month|quarter|year|decade|centurie)s\b"),
    _rule("bare_units", r"(?i)\b(?P<skip>within|for|in|after|over)\s+(?:the\s+)?(?P<unit>years|months"
        r"|weeks|decades)\b(?!\s+(?:of|ago|earlier|later|old|before|after|that|to|when"
        r"|since)\b)(?!-)"),
    _rule("half_unit", r"(?i)\b(?:an?\s+)?half[\s-]+(?:an?\s+)?(?P<unit>hour|day|year|century|decade)\b"),
    _rule("set", rf"(?i)\b(?:(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly|biweekly"
        rf"|biannually|semiannually|(?-i:quarterly)(?![ \t]+[a-z])|(?-i:Quarterly))\b|(?P<every>every"
        rf"|each)\s+(?:(?P<setnum>other|{_NUM_WORD}|\d+)\s+)?(?P<unit>day|week|month"
        rf"|year|quarter|hour|minute|weekend|morning|afternoon|evening|night|summer"
        rf"|winter|spring|fall|autumn)s?\b|(?P<every2>every|each)\s+(?P<wd>Monday|Tuesday"
        rf"|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b|(?P<every3>every|each)\s+"
        rf"(?P<smonth>{_MONTH_FULL})\b|(?P<plural>(?:Monday|Tuesday|Wednesday|Thursday"
        rf"|Friday|Saturday|Sunday)s)\b)"),
    _rule("ref", r"(?i)\b(?:(?P<present>now|right\s+now|currently|nowadays|presently|at\s+present"
        r"|these\s+days|at\s+the\s+moment|this\s+crucial\s+moment)|(?P<past>recently"
        r"|lately|the\s+past(?!\s+(?:few|several|many|couple|\d|one|two|three|four"
        r"|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
        r"|fifty|hundred|week|month|year|decade|day|quarter|centur|summer|winter|spring"
        r"|fall|autumn|hour|minute|night|weekend))|the\s+old\s+days)|(?P<future>the\s+"
        r"(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|(?<!as\s)soon(?!\s+(?:as|after)\b)"
        r"|the\s+long\s+run|the\s+long\s+term|the\s+short\s+term|the\s+near\s+term"
        r"|someday|(?:the\s+)?coming\s+(?:years|months|weeks|days|quarters)|(?:the\s+)?years\s+to\s+come"
        r"|future(?=\s+(?:losses|quarters|years|generations|months))(?:\s+(?:quarters"
        r"|years|months))?))\b"),
    _rule("holiday", r"\b(?:(?P<hrel>(?i:last|next|this))\s+)?(?P<holiday>Christmas(?:\s+(?:Day"
        r"|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day"
        r"|Halloween|Valentine['’]s\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day"
        r"|Easter(?:\s+Sunday)?|Boxing\s+Day|May\s+Day)\b"),
)
