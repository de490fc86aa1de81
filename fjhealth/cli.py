"""The fjhealth command line: the Typer app and its commands by name. Commands run through
``cli_core.guarded``, the one place library errors, Ctrl-C and closed pipes become exit statuses
(shared with ``quick``, which serves the simplest ``list`` and ``show`` without Typer).

A command lives in the module that ``COMMANDS`` names for it (``cli_read``: list, show;
``cli_analyse``: keywords, summarize; ``cli_find``: search, related, browse; ``cli_cache``: the
cache group) and is imported and built only when it runs: a command costs nothing to the
others' start-up. Help, completion and mistakes see every command. Options every command shares
live in ``cli_options``; running a command over a corpus (workers, cache, progress) in
``cli_batch``. ``fjhealth.cli.app`` is the app with every command registered (for
``CliRunner``); the ``fjhealth`` script calls ``run``.
"""

from __future__ import annotations

import copy
import os
import sys
from functools import partial
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.models import CommandInfo, TyperInfo

from . import __version__
from .cli_core import CommandExit, ExitCode, guarded, isatty
from .cli_options import HelpGroup

__all__ = ["COMMANDS", "ExitCode", "app", "run"]

# Command name -> (module, attribute): a command function, or a Typer app for a group of
# subcommands. In --help order.
COMMANDS = {
    "list": ("cli_read", "list_articles"),
    "show": ("cli_read", "show"),
    "keywords": ("cli_analyse", "keywords"),
    "summarize": ("cli_analyse", "summarize"),
    "search": ("cli_find", "search"),
    "related": ("cli_find", "related"),
    "browse": ("cli_find", "browse"),
    "cache": ("cli_cache", "cache_app"),
}


# The shells Typer writes completion scripts for.
_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
_COMPLETION_OPTIONS = {"--show-completion": "show_completion",
                       "--install-completion": "install_completion"}

_COMPLETION_HELP = {
    "show_completion": "Print the completion script for the current shell, or for the shell "
    "named after it (bash, zsh, fish, powershell, pwsh).",
    "install_completion": "Install completion for the current shell, or for the shell named "
    "after it.",
}


def _split_completion_option(arg: str) -> list[str]:
    """``--show-completion=zsh`` as ``--show-completion zsh`` (any other argument as it is)."""
    name, eq, value = arg.partition("=")
    return [name, value] if eq and name in _COMPLETION_OPTIONS else [arg]


def _named_shell(callback: Any, shell: str, ctx: Any, param: Any, value: Any) -> Any:
    """Typer's completion callback ``callback``, given the shell named instead of a flag."""
    return callback(ctx, param, value and shell)


class _Group(HelpGroup):
    """Runs the command through ``cli_core.guarded``: the one place library errors, Ctrl-C and
    closed pipes become exit statuses. ``--show-completion SHELL`` and ``--install-completion
    SHELL`` take the shell named (Typer's flags would ignore it and use the current shell)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        args = [part for arg in args for part in _split_completion_option(arg)]
        for i, arg in enumerate(args[:-1]):
            if not arg.startswith("-"):
                break  # the command: what follows is its own
            param = next((p for p in self.params if p.name == _COMPLETION_OPTIONS.get(arg)), None)
            word = args[i + 1]
            if param is not None and param.is_flag and word not in COMMANDS:
                if word.startswith("-"):
                    break
                if word not in _SHELLS:
                    raise typer.BadParameter(
                        f"{word!r} is not one of {', '.join(_SHELLS)}.", ctx, param, arg)
                shell = args.pop(i + 1)
                param.callback = partial(_named_shell, param.callback, shell)
                break
        return super().parse_args(ctx, args)

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if param.name in _COMPLETION_HELP:
                param.help = _COMPLETION_HELP[param.name]
        return params

    def invoke(self, ctx: Any) -> Any:
        try:
            return guarded(lambda: HelpGroup.invoke(self, ctx))
        except CommandExit as exc:
            raise typer.Exit(exc.code) from None


class _Typer(typer.Typer):
    """Builds only the command being run: Typer turns every command's signature into Click
    parameters before parsing (~40 M instructions for six), and importing every command's
    module costs as much again. Help, completion, mistakes and anything else that names no
    command see them all. Help and usage errors use Rich on a terminal, Click's plain text in
    a pipe (importing and running Rich's help layout doubled the time of a piped ``--help``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.rich_markup_mode = "rich" if isatty(sys.stdout) else None
        argv = kwargs.get("args", args[0] if args else None)
        name = _command_word(sys.argv[1:] if argv is None else list(argv))
        if name not in COMMANDS or _COMPLETE_ENV in os.environ:
            _register_all()
            return super().__call__(*args, **kwargs)
        only = copy.copy(self)
        only.registered_commands, only.registered_groups = [], []
        _register(only, name)
        return typer.Typer.__call__(only, *args, **kwargs)


# Set while a shell asks Click for completions (then every command must be there).
_COMPLETE_ENV = "_FJHEALTH_COMPLETE"


def _command_word(argv: list[str]) -> str | None:
    """The command an argument list names: its first word that is not an option (the main
    command's options are all flags)."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
    return None


def _register(target: typer.Typer, name: str) -> None:
    """Import the command ``name`` and add it to ``target``."""
    module, attribute = COMMANDS[name]
    command = getattr(import_module(f".{module}", __package__), attribute)
    if isinstance(command, typer.Typer):
        target.registered_groups.append(TyperInfo(command, name=name))
    else:
        target.registered_commands.append(CommandInfo(name=name, callback=command))


def _register_all() -> None:
    """Every command on the app, once."""
    if not (_app.registered_commands or _app.registered_groups):
        for name in COMMANDS:
            _register(_app, name)


_app = _Typer(
    cls=_Group,
    name="fjhealth",
    no_args_is_help=True,
    add_completion=True,  # --install-completion, --show-completion (see cli_options.complete_ids)
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    """Print the version and stop (eager --version)."""
    if value:
        sys.stdout.write(f"fjhealth {__version__}\n")
        sys.stdout.flush()  # a full disk is said now, not at the interpreter's exit
        raise typer.Exit()


@_app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Read, clean, rank keywords and summarize Chinese health-policy news pages.

    Example: fjhealth show 003
    """


def run() -> None:
    """Run the command line on ``sys.argv`` (the ``fjhealth`` script). The main command's
    --help, --version and --show-completion print as its options are parsed, before any command
    runs through ``guarded``: a closed or full stdout is said as a command says it."""

    def fail(exc: OSError) -> None:
        raise exc

    try:
        if sys.stdout is None:  # started with stdout closed (">&-")
            guarded(lambda: None)
        try:
            _app(prog_name="fjhealth")
        except OSError as exc:
            guarded(partial(fail, exc))
    except CommandExit as done:
        raise SystemExit(done.code) from None


app: typer.Typer  # declared only: set by __getattr__ on first use


def __getattr__(name: str) -> Any:
    """``app``: the app with every command registered (PEP 562, so that ``run`` need not
    import them all)."""
    if name == "app":
        _register_all()
        globals()["app"] = _app
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
