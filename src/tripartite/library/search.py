"""Full-text search of the library: one interface, two engines.

``search(user, query, filters)`` answers on either database with the same behaviour:

- the words of ``query`` must all be found (in the symbol, the title or the text), accents
  and case ignored ("reunion" finds "réunion"); words in double quotes are an exact phrase;
- a query that is a whole symbol ("GB.356/INS/3") finds that paper and every revision,
  addendum and corrigendum of it (the exact symbol first);
- filters: organ, session, type, language, dates; only what the user may see
  (``selectors.visible_documents``);
- ranked (the symbol and the title count more than the text), each hit with a snippet of its
  text with the words found marked (``<mark>``).

The engines:

- **SQLite** (the embedded default): an FTS5 table ``library_search`` (migration 0002),
  tokenizer ``porter unicode61 remove_diacritics 2``: accents and case folded, English
  stemming (Porter) for every language; French and Spanish words are otherwise matched whole
  (plurals in -s match, as Porter strips them). Ranked by bm25.
- **PostgreSQL**: a table ``library_search`` of ``tsvector`` with a GIN index; each text is
  indexed with its language's configuration (``english``, ``french``, ``spanish``), through
  ``unaccent``; the query is read by the three configurations (and ``simple``, for symbols and
  names) at once, so an English word finds an English text stemmed the English way and a
  French word a French text. Ranked by ``ts_rank_cd``.

Each language version (a ``DocumentFile``) is one row of the index, written by the service
that stores or extracts its text, in the same transaction: a rolled-back upload leaves no row.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from tripartite.accounts.permissions import AnyUser
from tripartite.library import selectors
from tripartite.library.models import DocumentFile
from tripartite.library.selectors import Filters
from tripartite.library.symbols import Symbol, looks_like_symbol

PG_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
# The weights of the symbol, the title and the text (SQLite's bm25; PostgreSQL's A, B, D).
SQLITE_WEIGHTS = (10.0, 5.0, 1.0)
SNIPPET_LENGTH = 240


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class Hit:
    file: DocumentFile
    score: float
    snippet: SafeString


@dataclass
class Results:
    hits: list[Hit]
    total: int
    symbol: Symbol | None = None
    terms: list[Term] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without accents, one character for one: "Réunion" -> "reunion"."""
    folded = []
    for character in text:
        base = unicodedata.normalize("NFD", character)[0].lower()
        folded.append(base[0] if len(base) >= 1 else character)
    return "".join(folded)


def parse_query(query: str) -> list[Term]:
    """The query's terms: each word, and each phrase in double quotes, folded."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"?|(\S+)', query or ""):
        words = tuple(re.findall(r"\w+", fold(phrase if phrase else word)))
        if not words:
            continue
        if phrase:
            terms.append(Term(words))
        else:  # "GB.356/INS" outside quotes: each piece a word
            terms.extend(Term((piece,)) for piece in words)
    return terms


def _index_text(file: DocumentFile) -> tuple[str, str, str]:
    document = file.document
    title = (getattr(document, f"title_{file.language}", "")
             or getattr(document, "title_en", "") or document.title)
    symbol = " ".join(re.findall(r"\w+", document.symbol))
    return symbol, title, file.text


# --- writing the index -------------------------------------------------------------------

def index_file(file: DocumentFile) -> None:
    """Write (or replace) ``file``'s row of the index."""
    symbol, title, body = _index_text(file)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM library_search WHERE file_id = %s", [file.pk])
        if connection.vendor == "postgresql":
            config = PG_CONFIGS.get(file.language, "simple")
            cursor.execute(
                "INSERT INTO library_search (file_id, vector) VALUES (%s, "
                "setweight(to_tsvector('simple', unaccent(%s)), 'A') || "
                "setweight(to_tsvector(%s::regconfig, unaccent(%s)), 'B') || "
                "setweight(to_tsvector(%s::regconfig, unaccent(%s)), 'D'))",
                [file.pk, symbol, config, title, config, body])
        else:
            cursor.execute("INSERT INTO library_search (file_id, symbol, title, body) "
                           "VALUES (%s, %s, %s, %s)", [file.pk, symbol, title, body])


def index_new_files(files: list[DocumentFile]) -> None:
    """Rows for files not yet in the index, in one batch (the demo's load, an import)."""
    rows = [(file.pk, *_index_text(file)) for file in files]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                "INSERT INTO library_search (file_id, vector) VALUES (%s, "
                "setweight(to_tsvector('simple', unaccent(%s)), 'A') || "
                "setweight(to_tsvector(%s::regconfig, unaccent(%s)), 'B') || "
                "setweight(to_tsvector(%s::regconfig, unaccent(%s)), 'D'))",
                [(pk, symbol, PG_CONFIGS.get(file.language, "simple"), title,
                  PG_CONFIGS.get(file.language, "simple"), body)
                 for file, (pk, symbol, title, body) in zip(files, rows, strict=True)])
        else:
            cursor.executemany("INSERT INTO library_search (file_id, symbol, title, body) "
                               "VALUES (%s, %s, %s, %s)", rows)


def unindex_file(file_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM library_search WHERE file_id = %s", [file_id])


def index_document(document_id: int) -> None:
    """Every language version of a document again (its title or symbol changed)."""
    for file in DocumentFile.objects.filter(document_id=document_id).select_related("document"):
        index_file(file)


@transaction.atomic
def rebuild() -> int:
    """The whole index again, from the stored texts, in one transaction (searches meanwhile
    see the old index; an upload meanwhile waits, then writes its own row); returns the
    number of rows."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM library_search")
    count = 0
    for file in DocumentFile.objects.select_related("document").iterator(chunk_size=500):
        index_file(file)
        count += 1
    return count


# --- reading it --------------------------------------------------------------------------

def _fts5_query(terms: list[Term]) -> str:
    """Each term quoted: FTS5 reads nothing of the user's text as an operator."""
    return " ".join('"' + " ".join(term.words) + '"' for term in terms)


def _websearch_query(terms: list[Term]) -> str:
    return " ".join(('"' + " ".join(term.words) + '"') if term.phrase else term.words[0]
                    for term in terms)


def _ranked_ids(terms: list[Term], allowed: QuerySet[DocumentFile], limit: int,
                offset: int) -> tuple[list[tuple[int, float]], int]:
    # The SQL below is made of constants and of the ORM's own SQL for ``allowed`` (its values
    # are parameters): nothing of the user's text is in it (hence the noqa: S608).
    try:
        sql, params = allowed.values("pk").query.sql_with_params()
    except EmptyResultSet:  # the user may see nothing
        return [], 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = _websearch_query(terms)
            tsquery = ("(websearch_to_tsquery('english', %s) || "
                       "websearch_to_tsquery('french', %s) || "
                       "websearch_to_tsquery('spanish', %s) || "
                       "websearch_to_tsquery('simple', %s))")
            where = f"s.vector @@ {tsquery} AND s.file_id IN ({sql})"
            query_params = [text] * 4
            cursor.execute(f"SELECT COUNT(*) FROM library_search s WHERE {where}",  # noqa: S608
                           [*query_params, *params])
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT s.file_id, ts_rank_cd(s.vector, {tsquery}) AS score "  # noqa: S608
                f"FROM library_search s WHERE {where} "
                "ORDER BY score DESC, s.file_id DESC LIMIT %s OFFSET %s",
                [*query_params, *query_params, *params, limit, offset])
            rows = [(pk, float(score)) for pk, score in cursor.fetchall()]
        else:
            match = _fts5_query(terms)
            where = f"library_search MATCH %s AND file_id IN ({sql})"
            cursor.execute(f"SELECT COUNT(*) FROM library_search WHERE {where}",  # noqa: S608
                           [match, *params])
            total = cursor.fetchone()[0]
            weights = ", ".join(str(weight) for weight in SQLITE_WEIGHTS)
            cursor.execute(
                f"SELECT file_id, bm25(library_search, {weights}) AS score "  # noqa: S608
                f"FROM library_search WHERE {where} "
                "ORDER BY score, file_id DESC LIMIT %s OFFSET %s",
                [match, *params, limit, offset])
            rows = [(pk, -float(score)) for pk, score in cursor.fetchall()]
    return rows, total


def search(user: AnyUser, query: str = "", filters: Filters | None = None, *,
           limit: int = 20, offset: int = 0) -> Results:
    """The language versions the user may see that match ``query`` and ``filters``, best
    first (see the module's docstring)."""
    filters = filters or Filters()
    allowed = selectors.visible_files(user, filters)
    symbol = looks_like_symbol(query)
    if symbol is not None:
        found = (allowed.filter(document__base_symbol=symbol.base)
                 .annotate(exact=Case(When(document__symbol=symbol.text, then=Value(0)),
                                      default=Value(1), output_field=IntegerField()))
                 .order_by("exact", "document__addendum", "document__corrigendum",
                           "document__is_decision", "document__revision", "language"))
        chosen: list[DocumentFile] = list(found[offset:offset + limit])
        return Results([Hit(file, 1.0, _start(file.text)) for file in chosen], found.count(),
                       symbol=symbol)
    terms = parse_query(query)
    if not terms:
        listed = allowed.order_by("-document__date", "document__symbol", "language")
        files = list(listed[offset:offset + limit])
        return Results([Hit(file, 0.0, _start(file.text)) for file in files], listed.count())
    rows, total = _ranked_ids(terms, allowed, limit, offset)
    by_pk = allowed.in_bulk([pk for pk, _score in rows])
    hits = [Hit(by_pk[pk], score, snippet(by_pk[pk].text, terms))
            for pk, score in rows if pk in by_pk]
    return Results(hits, total, terms=terms)


# --- snippets ----------------------------------------------------------------------------

def _word_pattern(word: str) -> str:
    """A word of the query as found in a text: its beginning (a crude stem, so that
    "reunions" marks "réunion" and "workers" "worker") then any letters."""
    stem = word if len(word) <= 4 else word[:max(4, len(word) - 2)]
    return r"\b" + re.escape(stem) + r"\w*"


def _start(text: str) -> SafeString:
    if len(text) <= SNIPPET_LENGTH:
        return escape(text)
    cut = text[:SNIPPET_LENGTH].rsplit(" ", 1)[0]
    return mark_safe(escape(cut) + "…")  # noqa: S308 (escaped above)


def snippet(text: str, terms: list[Term]) -> SafeString:
    """About ``SNIPPET_LENGTH`` characters of ``text`` around the first word of the query
    found, every word found marked; the text's beginning when no word is in it (the hit was
    on the symbol or the title)."""
    if not terms or not text:
        return _start(text)
    patterns = [r"\W+".join(_word_pattern(word) for word in term.words) for term in terms]
    finder = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
    folded = fold(text)
    first = finder.search(folded)
    if first is None:
        return _start(text)
    begin = max(0, first.start() - SNIPPET_LENGTH // 3)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < first.start() else begin
    end = min(len(text), begin + SNIPPET_LENGTH)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > first.end() else end
    parts: list[str] = []
    position = begin
    for match in finder.finditer(folded, begin, end):
        parts.append(escape(text[position:match.start()]))
        parts.append("<mark>" + escape(text[match.start():match.end()]) + "</mark>")
        position = match.end()
    parts.append(escape(text[position:end]))
    return mark_safe(("…" if begin else "") + "".join(parts)  # noqa: S308 (escaped)
                     + ("…" if end < len(text) else ""))
