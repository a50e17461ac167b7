"""Every command says what it does and every argument, positional or option, has help."""

from __future__ import annotations

import argparse

from app.cli.main import build_parser


def _walk(parser: argparse.ArgumentParser, path: str) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:  # argparse keeps its tree here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _walk(sub, f"{path} {name}")
    return found


def test_every_argument_of_every_command_has_help() -> None:
    missing = []
    for path, parser in _walk(build_parser(), "webnova"):
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                continue
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    assert missing == []


def test_every_command_says_what_it_does() -> None:
    silent = []
    for path, parser in _walk(build_parser(), "webnova"):
        if path != "webnova" and not (parser.description or parser.format_usage()) :
            silent.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if not choice.help:
                        silent.append(f"{path} {choice.dest}")
    assert silent == []
