"""The window's own shared floor, used the same way by every page and dialog.

- tables.py: `Column` specs, `LazyModel` (ids + row cache, batches; the rows a shown list
  paints are read in the background, blank until they come), `ListModel` (short lists),
  `ListView` (Enter/double-click, context menu, sorting, remembered widths, empty state),
  `FilterBox` (debounced search box).
- keyset.py: `KeysetModel`, for lists too long to hold their ids (a million activities): a
  window of rows read by keyset after the last one shown (`set_page(page, next_page)`, the
  service's `Page`), the total counted apart (`set_total`). The next window is read in the
  background as the list scrolls (the ListView says "Loading more rows…" at its bottom,
  loading_bar.py); call `model.requery()` when the page's filters change (a header click does
  it), so a window read for the old ones is dropped.
- ops.py: `query()`, `write()`, `exclusive()` over the task runner; `Changes`.
- forms.py: `FormDialog` (Enter saves, closing with changes asks), `FieldErrors`, `ClientPicker`,
  `OptionalDate`, `OptionalDateTime`, `suggest_values()` (completion from the archive),
  `to_qdate`/`from_qdate`.
- dates.py: date boxes that take a date typed whole (`DateEdit`, `DateTimeEdit`).
- splitters.py: `ListOverPanel(list_view, panel, key)`, a list above the chosen record's panel:
  the list keeps ten rows at 1366×768, the panel scrolls, the dragged position is kept per user.
- boxes.py: a row or column of widgets in one call (`boxes.row(title, ..., self.new_button)`,
  `...` a stretch; `boxes.column(bar, (self.table, 1), parent=self)`).
- files.py: `open_attachment()` (a copy in the private folder, shown by the system) and
  `DropsFiles` (files dropped on a page or dialog go to its `add_files`).
- labels.py: a stored status, kind or method as the window shows it, in its language
  (`shown(value, ctx.lang, Vocabulary)` in a cell or a label, `add_choices(combo, Vocabulary,
  ctx.lang)` in a combo box or filter, the stored value kept as the item's data); the words
  are app.domain.labels'. A stored value is never shown as it is (合作中 reads Active in English).

How to build a page on the kit
==============================

A feature lives in `app/ui/<feature>/`: one file per page or dialog, its columns beside the page
(see app/ui/activities/list_page.py and app/ui/recycle_bin/page.py). Every page and dialog has
`self.ctx` (a UiContext); the kit finds it there. Never call `ctx.runner.submit`, never emit
`ctx.events.changed` by hand, never count requests to drop stale answers, never write a
QAbstractTableModel: the kit does each of these once.

A query (reading, in the background; the newest request for a key wins, an answer never
reaches a deleted or closed widget; errors show the standard box unless `on_error` is given)::

    ops.query(self, clients.list_client_ids, self.ctx.archive, query, key="ids",
              on_done=self.model.set_ids, on_error=None, label=self.tr("Loading clients"))

  The service runs on a worker thread: plain values in, plain data out. A long one takes
  `task`, an app.domain.progress.Progress (`task.step(done, total)`, `task.check()`); one
  without that keyword is called without it. Keyword arguments go in with functools.partial.

A write (announces what changed once, to every page, when it succeeds; then `on_done`)::

    ops.write(self, clients.update_client, self.ctx.archive, client_id, draft,
              changes={"client"}, on_done=lambda record: self.accept(),
              on_error=self.show_problems)

  `changes` is a set of kinds, a `Changes`, or a function of the result giving them.
  A page listens once, typed::

    ctx.events.changes.connect(self._on_changes)
    def _on_changes(self, changes: Changes) -> None:
        if changes.touches("client", "activity"):   # 'all' touches everything
            self.reload()

  or, when it only reloads: `ops.follow(self, self.reload, "client", "activity")` (with
  `lazy=True` a hidden page reads when it is shown: first, and after changes meanwhile).

An exclusive job (restore, migrate, encrypt: every other job cancelled and waited for, the
archive's connections closed, new requests dropped meanwhile)::

    ops.exclusive(self.window(), archive.restore, source, target, label=self.tr("Restoring…"),
                  afterwards=ops.CLOSE, on_done=self._say_restored, on_error=self._failed)

  `afterwards=ops.REOPEN` (default): the window goes on and every page reloads ('all').

A list page::

    def client_columns(ctx) -> tuple[Column[ClientRow], ...]:
        return (
            Column(QCoreApplication.translate("ClientTableModel", "Client name"),
                   attribute("name"), sort="name", width=280, tooltip=attribute("name")),
            Column(QCoreApplication.translate("ClientTableModel", "Tier"), attribute("tier"),
                   align=CENTER, sort="tier", colour=lambda row: TIER_COLOURS.get(row.tier)),
        )

    class ClientListPage(QWidget):
        def __init__(self, ctx, parent=None):
            super().__init__(parent)
            self.ctx = ctx
            self.model = LazyModel(client_columns(ctx),
                                   lambda ids: clients.client_rows(ctx.archive, ids), parent=self)
            self.table = ListView(self.model, settings_key="clients",
                                  sort=(0, Qt.SortOrder.AscendingOrder), parent=self)
            self.table.row_activated.connect(self.open_client)        # Enter, double-click
            self.table.set_context_menu(self._fill_menu)              # (menu, id) -> None
            self.model.sort_requested.connect(lambda *_: self.reload())
            self.search = FilterBox(self.tr("Name, USCC, pinyin initials"), self)
            self.search.settled.connect(self.reload)                 # 250 ms after typing
            ctx.events.changes.connect(self._on_changes)
            self.reload()

        def reload(self, *_):
            query = ClientQuery(text=self.search.text().strip(),
                                sort=self.model.sort_key, descending=self.model.descending)
            self.table.empty_state.say(self.tr("No clients yet"), self.tr("Create one…"),
                                       self.tr("New client"), self.new_client)
            ops.query(self, clients.list_client_ids, self.ctx.archive, query, key="ids",
                      on_done=self.model.set_ids)

  A short list (a client's contracts, the bin) uses `ListModel(columns)` and `set_rows(rows)`;
  its `sort` is an attribute name or a key function, sorted in memory. `view.current_id()`,
  `view.select_id(id)`, `view.current_changed(id or None)`; the current row survives reloads.
  Check every model with pytest-qt's `qtmodeltester.check(model)`.

A dialog::

    class ContractDialog(FormDialog):                  # Enter saves; Esc with changes asks
        def __init__(self, ctx, parent=None):
            super().__init__(parent)
            self.ctx = ctx
            self.errors = FieldErrors(ctx.lang)
            self.client = ClientPicker(ctx, self)
            self.signed = DateEdit(ctx.archive.today(), self)   # or OptionalDate(label, day)
            suggest_values(self.region, suggestions.client_values, ctx.archive, "region")
            form.addRow(self.tr("Client"), self.errors.wrap("client", self.client))
            ...
            self.set_form_buttons(self.save_button)

        def save(self):
            self.errors.clear()
            ops.write(self, contracts.save_contract, self.ctx.archive, self.draft(),
                      changes={"contract"}, on_done=lambda _: self.accept(),
                      on_error=lambda exc: self.errors.show(problems_of(exc)))

A dialog that edits a saved record passes the version it loaded (issue 14 §3: two people on one
archive)::

        def _load(self, record):
            ...                                           # fill the fields
            fetch = functools.partial(contracts.get_contract, self.ctx.archive, record.id)
            self.edits_version(record.version, fetch, self._load)

        # in save(): the edit service gets expected_version=<the version loaded>
        ops.write(self, self.versioned(contracts.update_contract), ...)

  A save refused because someone else changed the record first (ConflictError) never reaches
  the dialog's on_error: the kit keeps the typing, says who changed which field from what to
  what, and offers 载入最新 (fetch, then fill: the typing is dropped) and 取消.
- refresh.py: `OthersChanges` (on the main window): every 3 s while the window is shown, a look
  at the archive's change counter; what other people changed is announced through the same
  `ctx.events.changes` as the window's own writes (which are not announced twice).

Tests: use SynchronousTaskRunner (every job inline, deterministic) unless the test is about
threads; tests/ui/conftest.py fails a test that leaves a job, a busy thread or a short timer
running (wait for what you started: qtbot.waitUntil, `FilterBox.flush()`).
"""
