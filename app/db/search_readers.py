"""Who may read each search document, written into the document itself (issue 14 §3).

A 客户经理 who does not read the whole archive sees about a seventh of it, and a search hands
over the newest matches the person sees: compass_search read some eight times as many
candidates as it handed over, each a visit of its row and a look-up of its record, and asked
compass_search_seen_in about all of them (0.4-0.7 s of the server's time per search on
100,000 clients). Now each of a document's three vectors also holds its readers' marks:

- '#o.<md5 of the owner>' for each owner of the record's client (a meeting or action item: of
  each of the meeting's clients; a packet section: of its tender's client);
- '#free' when every person may read it (a kind the policies leave to everyone, a document or
  letter of no client, a meeting with no client and its action items);
- '#none' when only those who read everything may (a record of no client, a client of no owner),
  so that every document has a mark and one without any was written before the marks.

compass_search asks GIN for the query AND the person's marks ('#free' | '#o.<md5 of me>'), so
only what the person may read is visited. The marks only narrow the lookup: every row is still
decided by compass_search_seen_in (the policy's rule), so a mark out of step can hide a match,
never show one the person may not read. They are kept in step by triggers: search_docs' own,
which computes them as a document is written (from the record, with the policies bypassed),
and the records', when what decides them changes: a client's owner, a record's client, a
meeting's clients, an action item's meeting, a packet section's tender. tests/team compares
them with the search_docs read policy, row by row, for every kind and person.

Marks hold a '#' like the kinds' and blocks' (app.db.search_pg), which no query term can match
and `dump` leaves out. The md5 keeps names of any spelling out of the tsquery's syntax."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

# the records that belong to one client: kind in the index -> table
BY_CLIENT = {
    "contact": "contacts",
    "activity": "activities",
    "tender": "tenders",
    "contract": "contracts",
    "receipt": "receipts",
    "rebate": "rebates",
    "news": "client_news",
}
OF_CLIENT_OR_NONE = {"document": "documents", "letter": "letters"}
MEETING_KINDS = ("minutes", "meeting")
RESTRICTED = {"client", "packet_section", "action", *MEETING_KINDS, *BY_CLIENT, *OF_CLIENT_OR_NONE}

ANY_MARK = "'#free' | '#none' | '#o.':*"  # a tsquery: whether a vector has its marks
_ANY_MARK_SQL = "CAST('" + ANY_MARK.replace("'", "''") + "' AS tsquery)"


def _clients_of_record() -> str:
    """(client, free) rows of the record `rid` of kind `k`: its client(s), or free."""
    parts = ["SELECT rid, false WHERE k = 'client'"]
    parts += [
        f"SELECT t.client_id, false FROM {table} t WHERE k = '{kind}' AND t.id = rid"
        for kind, table in BY_CLIENT.items()
    ]
    parts += [
        f"SELECT t.client_id, t.client_id IS NULL FROM {table} t WHERE k = '{kind}' AND t.id = rid"
        for kind, table in OF_CLIENT_OR_NONE.items()
    ]
    parts.append(
        "SELECT p.client_id, false FROM packet_sections t JOIN tenders p ON p.id = t.tender_id"
        " WHERE k = 'packet_section' AND t.id = rid"
    )
    meetings = ", ".join(f"'{kind}'" for kind in MEETING_KINDS)
    meeting = (
        f"(SELECT t.id FROM meetings t WHERE k IN ({meetings}) AND t.id = rid"
        " UNION ALL SELECT t.meeting_id FROM action_items t WHERE k = 'action' AND t.id = rid)"
    )
    parts.append(
        f"SELECT mc.client_id, false FROM meeting_clients mc WHERE mc.meeting_id IN {meeting}"
    )
    parts.append(
        f"SELECT NULL, true FROM {meeting} m(id) WHERE m.id IS NOT NULL AND NOT EXISTS"
        " (SELECT 1 FROM meeting_clients mc WHERE mc.meeting_id = m.id)"
    )
    return "\n    UNION ALL ".join(parts)


def marks_sql() -> str:
    """compass_reader_marks(k, rid): the marks of the record's document (policies bypassed:
    owned by the archive's owner)."""
    restricted = ", ".join(f"'{kind}'" for kind in sorted(RESTRICTED))
    return (
        "CREATE OR REPLACE FUNCTION compass_reader_marks(k text, rid integer) RETURNS text[]\n"
        "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$\n"
        f"  WITH r(cid, free) AS ({_clients_of_record()}),\n"
        "  m AS (SELECT DISTINCT CASE WHEN r.free THEN '#free' ELSE '#o.' || md5(c.owner) END"
        " AS mark FROM r LEFT JOIN clients c ON c.id = r.cid WHERE r.free OR c.owner IS NOT NULL)\n"
        f"  SELECT CASE WHEN NOT coalesce(k IN ({restricted}), false) THEN ARRAY['#free']\n"
        "    ELSE coalesce(nullif(array(SELECT m.mark FROM m ORDER BY 1), '{}'),"
        " ARRAY['#none']) END $$;\n"
    )


# search_docs' own trigger: the marks of each document written, in each of its vectors (a
# document written again loses the marks it had: `excluded` carries those of its insert)
_MARK_DOCUMENT = (
    r"""
CREATE OR REPLACE FUNCTION compass_unmarked(v tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v @@ """
    + _ANY_MARK_SQL
    + r"""
    THEN ts_delete(v, array(SELECT u.lexeme FROM unnest(v) u
      WHERE u.lexeme IN ('#free', '#none') OR left(u.lexeme, 3) = '#o.'))
    ELSE v END $$;
CREATE OR REPLACE FUNCTION compass_mark_document() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  marks tsvector := array_to_tsvector(compass_reader_marks(CAST(NEW.kind AS text), NEW.ref_id));
BEGIN
  NEW.title_tsv := compass_unmarked(coalesce(NEW.title_tsv, '')) || marks;
  NEW.body_tsv := compass_unmarked(coalesce(NEW.body_tsv, '')) || marks;
  NEW.initials_tsv := compass_unmarked(coalesce(NEW.initials_tsv, '')) || marks;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION compass_remark(k text, refs integer[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE search_docs SET ref_id = ref_id WHERE kind = k AND ref_id = ANY(refs) $$;
"""
)


def _remark_client() -> str:
    """A client's owner changed: every document of the client's records is marked again."""
    lines = ["PERFORM compass_remark('client', ARRAY[NEW.id]);"]
    for kind, table in {**BY_CLIENT, **OF_CLIENT_OR_NONE}.items():
        lines.append(
            f"PERFORM compass_remark('{kind}', array(SELECT t.id FROM {table} t"
            " WHERE t.client_id = NEW.id));"
        )
    lines.append(
        "PERFORM compass_remark('packet_section', array(SELECT s.id FROM packet_sections s"
        " JOIN tenders t ON t.id = s.tender_id WHERE t.client_id = NEW.id));"
    )
    lines.append(
        "PERFORM compass_remark_meetings(array(SELECT mc.meeting_id FROM meeting_clients mc"
        " WHERE mc.client_id = NEW.id));"
    )
    body = "\n  ".join(lines)
    return (
        "CREATE OR REPLACE FUNCTION compass_remark_client() RETURNS trigger\n"
        "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$\nBEGIN\n"
        f"  {body}\n  RETURN NULL;\nEND $$;\n"
    )


_REMARK_RECORDS = r"""
CREATE OR REPLACE FUNCTION compass_remark_meetings(meetings integer[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM compass_remark('minutes', meetings);
  PERFORM compass_remark('meeting', meetings);
  PERFORM compass_remark('action', array(SELECT a.id FROM action_items a
    WHERE a.meeting_id = ANY(meetings)));
END $$;
CREATE OR REPLACE FUNCTION compass_remark_record() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM compass_remark(TG_ARGV[0], ARRAY[NEW.id]);
  IF TG_TABLE_NAME = 'tenders' THEN
    PERFORM compass_remark('packet_section', array(SELECT s.id FROM packet_sections s
      WHERE s.tender_id = NEW.id));
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION compass_remark_meeting_clients() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM compass_remark_meetings(ARRAY[OLD.meeting_id]);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM compass_remark_meetings(ARRAY[NEW.meeting_id]);
  END IF;
  RETURN NULL;
END $$;
"""

# trigger name, table, when, function: every change that moves a document's readers
_TRIGGERS = [
    ("compass_mark_document", "search_docs", "BEFORE INSERT OR UPDATE", "compass_mark_document()"),
    (
        "compass_remark_client",
        "clients",
        "AFTER UPDATE OF owner",
        "compass_remark_client()",
    ),
    *[
        (
            "compass_remark_record",
            table,
            "AFTER UPDATE OF client_id",
            f"compass_remark_record('{kind}')",
        )
        for kind, table in {**BY_CLIENT, **OF_CLIENT_OR_NONE}.items()
    ],
    (
        "compass_remark_record",
        "packet_sections",
        "AFTER UPDATE OF tender_id",
        "compass_remark_record('packet_section')",
    ),
    (
        "compass_remark_record",
        "action_items",
        "AFTER UPDATE OF meeting_id",
        "compass_remark_record('action')",
    ),
    (
        "compass_remark_meeting_clients",
        "meeting_clients",
        "AFTER INSERT OR UPDATE OR DELETE",
        "compass_remark_meeting_clients()",
    ),
]
# the changes that matter only when a value changed (a save rewrites every column)
_WHEN_CHANGED = {
    "clients": "OLD.owner IS DISTINCT FROM NEW.owner",
    "packet_sections": "OLD.tender_id IS DISTINCT FROM NEW.tender_id",
    "action_items": "OLD.meeting_id IS DISTINCT FROM NEW.meeting_id",
}
_CLIENT_CHANGED = "OLD.client_id IS DISTINCT FROM NEW.client_id"


def trigger_statements() -> list[str]:
    out = []
    for name, table, when, function in _TRIGGERS:
        condition = _WHEN_CHANGED.get(table)
        if condition is None and when.endswith("OF client_id"):
            condition = _CLIENT_CHANGED
        where = f" WHEN ({condition})" if condition else ""
        out += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW{where}"
            f" EXECUTE FUNCTION {function}",
        ]
    return out


# the documents written before the marks (or before `team init`): marked now
MARK_UNMARKED = "UPDATE search_docs SET ref_id = ref_id WHERE NOT title_tsv @@ " + _ANY_MARK_SQL

# the tsquery of the marks a person reads (NULL for one who reads everything)
READERS_SQL = r"""
CREATE OR REPLACE FUNCTION compass_search_readers() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN coalesce((SELECT compass_reads_all()), false) THEN NULL
    ELSE '''#free''' || coalesce(' | ''#o.' || md5((SELECT compass_login_name())) || '''', '')
  END $$;
"""
FUNCTIONS = (
    "compass_reader_marks(text, integer)",
    "compass_unmarked(tsvector)",
    "compass_mark_document()",
    "compass_remark(text, integer[])",
    "compass_remark_meetings(integer[])",
    "compass_remark_client()",
    "compass_remark_record()",
    "compass_remark_meeting_clients()",
    "compass_search_readers()",
)


def apply(conn: Connection) -> None:
    """The marks' functions and triggers, and the marks of every document that has none."""
    conn.exec_driver_sql(marks_sql())
    for block in (_MARK_DOCUMENT, _REMARK_RECORDS, _remark_client(), READERS_SQL):
        conn.exec_driver_sql(block.replace("%", "%%"))
    for function in FUNCTIONS:
        conn.execute(text(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC"))
    for statement in trigger_statements():
        conn.execute(text(statement))
    conn.execute(text(MARK_UNMARKED))
