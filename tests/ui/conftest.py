"""UI tests speak the source language (English) unless a test installs a translator itself;
a translator installed by start-up code during a test is removed after it, so the outcome of a
test never depends on which tests ran before it in the same process."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def translators_are_removed_after_each_test(monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from app.ui import application

    installed = []
    original = application.install_translators

    def recording(app, lang):
        translators = original(app, lang)
        installed.extend(translators)
        return translators

    monkeypatch.setattr(application, "install_translators", recording)
    yield
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
