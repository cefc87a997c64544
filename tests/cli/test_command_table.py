"""Each command loads only its own module: the table of command words must name every command,
each with the module that registers it."""

from __future__ import annotations

import argparse
import importlib

from app import cli


def test_every_command_word_is_in_the_table_with_its_module_and_help():
    registered: dict[str, str] = {}
    helps: dict[str, str] = {}
    for name in cli.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers()
        importlib.import_module(f"app.cli.{name}").register(sub)
        for word in sub.choices:
            registered.setdefault(word, name)
        helps.update({action.dest: action.help for action in sub._choices_actions})
    assert registered == cli.COMMAND_WORDS
    assert helps == cli.COMMAND_HELP  # what --help lists is what each command says of itself


def test_the_command_word_skips_options_and_their_values():
    assert cli.command_word(["--db", "x.sqlite3", "clients", "--tier", "A"]) == "clients"
    assert cli.command_word(["--password-file", "pw", "--db", "y", "pdf", "minutes"]) == "pdf"
    assert cli.command_word(["--help"]) is None


def test_only_the_commands_module_is_registered_and_help_lists_them_all():
    one = cli.build_parser(["--db", "x", "search", "华信"])
    words = one._subparsers._group_actions[0].choices
    assert set(words) == {"gui", "search"}
    everything = cli.build_parser(["--help"])
    assert set(everything._subparsers._group_actions[0].choices) == {"gui", *cli.COMMAND_WORDS}
