"""The kinds of record the global search finds, in the order it lists them. Kept apart from
app.services.indexing so that searching imports none of the repositories and models that
indexing needs (issue 11: a command imports only what it runs)."""

KINDS = ("client", "contact", "activity", "tender", "qualification", "document", "letter")
KINDS += ("contract", "receipt", "rebate")  # issue 5
KINDS += ("meeting", "action")  # issue 4: minutes and their action items
KINDS += ("news",)  # issue 13: 客户动态
