"""Search that understands the project's three languages, for any page that searches stored text.

A searchable row stores two things, both built by the database from its text through the SQL
function cc_normalise (crisis_coach/common/migrations/0002_search_normalise.py), which upper-cases,
removes accents (unaccent), folds the Arabic letters people type interchangeably (أ إ آ ٱ → ا,
ى → ي, ة → ه) and drops Arabic diacritics and tatweel:

- a search vector (`document`): the words under the `simple` configuration (exact words in every
  language), `english` (stems: negotiation finds negotiating) and `arabic` (Snowball stems), each
  field with a weight, so a title outranks a body. A GIN index serves it.
- a search text: the same words normalised and joined, with a `gin_trgm_ops` index. Chinese is
  written without spaces, so a run of Chinese is one token to the parser; a substring of the text
  finds a word inside it.

`parse` cuts a query into terms (words, and "quoted phrases"); a row matches when it holds every
term (`term_q`). Trigrams need three characters, so a term shorter than that is matched by strpos,
which no index serves: apply it (`term_q(..., short=True)`) to a queryset already bounded to the
reader's own rows, never to the whole table. `rank` orders the matches (SearchRank).
"""

import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db.models import F, Func, GeneratedField, Q, TextField, Value
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import GreaterThan

CONFIGS = ("simple", "english", "arabic")
TRIGRAM = 3
# A query is typed into a box; a few words are plenty, and each costs the query a condition.
MAX_TERMS = 8
# Python's view of what cc_normalise removes, only to count a term's letters (TRIGRAM).
_REMOVED = re.compile("[\u064b-\u0652\u0670\u0640]")
_TERMS = re.compile(r'"([^"]*)"?|(\S+)')
# The quotation marks each language's keyboard types, read as the plain " that opens and closes a
# phrase: “English”, 「中文」 and 『中文』, «العربية».
_PHRASE_QUOTES = str.maketrans(dict.fromkeys("“”„«»「」『』", '"'))


class Normalise(Func):
    """cc_normalise(text): the database's folding of case, accents and Arabic letter forms."""

    function = "cc_normalise"
    output_field = TextField()


@dataclass(frozen=True)
class Term:
    text: str
    phrase: bool = False

    @property
    def short(self) -> bool:
        """Too short for a trigram: no index can find it as a substring."""
        return len(_REMOVED.sub("", self.text)) < TRIGRAM


def parse(text: str) -> list[Term]:
    """Words and "quoted phrases" of a query, in order, duplicates dropped, at most MAX_TERMS.
    An unclosed quote runs to the end of the query."""
    terms: list[Term] = []
    for match in _TERMS.finditer((text or "").translate(_PHRASE_QUOTES)):
        quoted, word = match.groups()
        if quoted is not None:
            words = quoted.split()
            term = Term(" ".join(words), phrase=len(words) > 1) if words else None
        else:
            word = word.strip('"')
            term = Term(word) if word else None
        # A term of diacritics or tatweel alone is nothing once normalised: it would match every row.
        if term and _REMOVED.sub("", term.text) and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def document(*weighted) -> SearchVector:
    """The search vector of (expression, weight) pairs, weights 'A' (highest) to 'D', under every
    configuration of CONFIGS, all through cc_normalise."""
    return reduce(
        operator.add,
        (
            SearchVector(Normalise(expression), config=config, weight=weight)
            for expression, weight in weighted
            for config in CONFIGS
        ),
    )


def titled_document(title, body) -> Func:
    """document((title, "A"), (body, "B")), the same vector, through the SQL function
    cc_titled_document (common/migrations/0003), which evaluates each argument once: for a body of
    subqueries (a case's summary), where document() would repeat them for every configuration. Its
    configurations are CONFIGS, in order; tests/search/test_titled_document.py holds the two equal."""
    return Func(title, body, function="cc_titled_document", output_field=SearchVectorField())


def joined_text(*expressions) -> Normalise:
    """The stored search text of expressions: joined with spaces, through cc_normalise."""
    spaced = []
    for index, expression in enumerate(expressions):
        if index:
            spaced.append(Value(" "))
        spaced.append(expression)
    joined = Concat(*spaced, output_field=TextField()) if len(spaced) > 1 else spaced[0]
    return Normalise(joined)


def tsquery(term: Term) -> SearchQuery:
    """The term's words under every configuration, any of which may match (a phrase: in order)."""
    kind = "phrase" if term.phrase else "plain"
    value = Normalise(Value(term.text))
    return reduce(operator.or_, (SearchQuery(value, config=config, search_type=kind) for config in CONFIGS))


def term_q(term: Term, *, vector: str, text: str, short: bool = False) -> Q:
    """Rows holding the term: its words through the vector, or the term as a substring of the text
    (LIKE, served by the trigram index; with short=True strpos, for a term under TRIGRAM letters,
    on rows the caller has already bounded)."""
    needle = Normalise(Value(term.text))
    if short:
        return Q(**{vector: tsquery(term)}) | Q(GreaterThan(StrIndex(F(text), needle), 0))
    return Q(**{vector: tsquery(term)}) | Q(**{f"{text}__contains": needle})


def rank(terms: list[Term], *, vector: str) -> SearchRank:
    """How well a row matches any of the terms, title-weighted words first (ts_rank)."""
    return SearchRank(F(vector), reduce(operator.or_, (tsquery(term) for term in terms)))


# Stored columns for a model's own search. The person's search (crisis_coach/search/selectors.py)
# reads each row's search vector and text from two columns that PostgreSQL generates from the row's
# own fields on every write (GENERATED ALWAYS AS ... STORED), so no code keeps them and none can
# forget to. A generation expression must be
# IMMUTABLE, and these are: cc_normalise is declared so (common/migrations/0002), to_tsvector is
# given its configuration by name (a regconfig constant), and Django writes the joins of text as ||
# (not CONCAT(), which is only STABLE) and SearchVector's NULL guard as COALESCE. Fields of other rows
# (an assessment, a stakeholder's name) cannot be in a generated column: the selector joins them.
def search_vector_column(title: str | None, *body: str) -> GeneratedField:
    """The stored search vector of the row's own fields: the title weighs A, the body B."""
    weighted = ([(title, "A")] if title else []) + [(name, "B") for name in body]
    return GeneratedField(
        expression=document(*((F(name), weight) for name, weight in weighted)),
        output_field=SearchVectorField(),
        db_persist=True,
    )


def search_text_column(*fields: str) -> GeneratedField:
    """The stored search text of the row's own fields, joined with spaces (joined_text)."""
    return GeneratedField(
        expression=joined_text(*(F(name) for name in fields)),
        output_field=TextField(),
        db_persist=True,
    )
