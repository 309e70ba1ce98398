"""Text as the database searches it: the folded search document column and the SQLite functions.

One rule on both databases: words are compared folded (people.names.fold: lowercase, no
diacritics, đ → d), whole words, a phrase as adjacent words.

- PostgreSQL: a STORED generated ``tsvector`` built with the text search configuration
  ``vn_unaccent`` (migration articles/0002: the ``simple`` parser, then unaccent and lowercase),
  with a GIN index; queries go through phraseto_tsquery() with the same configuration.
- SQLite: a STORED generated text column holding the folded words between single spaces
  (" dinh tien dung chu tri "), computed by ``vn_words()``, a deterministic Python function
  registered on every connection (``register_sqlite_functions``, connected in PeopleConfig.ready).
  A phrase is then ``LIKE '% w1 w2 %'``. The column is only written through a connection that
  has the function: the app's own connections always have it (``manage.py dbshell`` does not).

The column is declared on the models (Article.search_vector, Meeting.search_vector) as a
GeneratedField over ``SearchDocument``; people never imports articles, so both live here.
"""

import re

from django.db import models

from people.names import fold, modern_tones, normalize_spaces

WORD_RE = re.compile(r"[^\W_]+")
BODY_LIMIT = 200_000  # characters of a body that are indexed: a tsvector over ~1 MB fails
PART_SEPARATOR = "|"  # between the parts of a SQLite document: a phrase never spans two parts


def vn_words(text):
    """' dinh tien dung chu tri ': folded words between single spaces, for LIKE '% w1 w2 %'."""
    if not text:
        return " "
    return " " + " ".join(WORD_RE.findall(fold(text))) + " "


def vn_key(text):
    """Lowercase, modern tone placement, diacritics kept: for the exact-match bonus."""
    return modern_tones(normalize_spaces(text or "")).casefold()


def register_sqlite_functions(raw_connection):
    raw_connection.create_function("vn_fold", 1, lambda t: fold(t) if t is not None else None, deterministic=True)
    raw_connection.create_function("vn_words", 1, vn_words, deterministic=True)
    raw_connection.create_function("vn_key", 1, vn_key, deterministic=True)


def on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        register_sqlite_functions(connection.connection)


class SearchDocumentField(models.Field):
    """The type of the generated search column: tsvector on PostgreSQL, text elsewhere."""

    description = "folded search document"

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchDocument(models.Func):
    """The folded words of some text columns, in order (weights A, B, … on PostgreSQL when several).

    ``limits``: characters of each part that are indexed (None: all of it).
    """

    output_field = SearchDocumentField()
    WEIGHTS = "ABCD"

    def __init__(self, *parts, limits=None):
        super().__init__(*parts)
        self.limits = tuple(limits or (None,) * len(parts))

    def as_postgresql(self, compiler, connection, **extra):
        pieces, params = [], []
        weighted = len(self.source_expressions) > 1
        for weight, limit, part in zip(self.WEIGHTS, self.limits, self.source_expressions, strict=False):
            sql, part_params = compiler.compile(part)
            text = f"left(coalesce({sql}, ''), {int(limit)})" if limit else f"coalesce({sql}, '')"
            vector = f"to_tsvector('vn_unaccent'::regconfig, {text})"
            pieces.append(f"setweight({vector}, '{weight}')" if weighted else vector)
            params.extend(part_params)
        return "(" + " || ".join(pieces) + ")", params

    def as_sql(self, compiler, connection, **extra):  # SQLite
        pieces, params = [], []
        for limit, part in zip(self.limits, self.source_expressions, strict=False):
            sql, part_params = compiler.compile(part)
            text = f"substr(coalesce({sql}, ''), 1, {int(limit)})" if limit else f"coalesce({sql}, '')"
            pieces.append(f"vn_words({text})")
            params.extend(part_params)
        return "(" + f" || '{PART_SEPARATOR}' || ".join(pieces) + ")", params


def search_document_field(*parts, limits=None):
    """A GeneratedField over SearchDocument(parts): the model's ``search_vector``."""
    return models.GeneratedField(
        expression=SearchDocument(*parts, limits=limits),
        output_field=SearchDocumentField(),
        db_persist=True,
        editable=False,
    )


# --- Migrations (articles/0006, people/0005) ----------------------------------------------------


def _has_column(connection, table, column):
    with connection.cursor() as cursor:
        return any(c.name == column for c in connection.introspection.get_table_description(cursor, table))


def add_generated_column(apps, schema_editor, app_label, model_name, field_name, *, gin_index):
    """Add the model's generated column unless an older raw-SQL migration already made it; GIN on PostgreSQL."""
    model = apps.get_model(app_label, model_name)
    connection = schema_editor.connection
    if not _has_column(connection, model._meta.db_table, field_name):
        schema_editor.add_field(model, model._meta.get_field(field_name))
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {gin_index} ON {model._meta.db_table} USING gin ({field_name})"
        )


def drop_generated_column(apps, schema_editor, app_label, model_name, field_name):
    model = apps.get_model(app_label, model_name)
    schema_editor.remove_field(model, model._meta.get_field(field_name))
