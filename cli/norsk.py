"""Click in Norwegian: help texts, usage lines and errors for the `kb` command.

Click writes its own words («Usage:», «Show this message and exit.», «No such
option») in English. These classes give the same help and errors in bokmål; the
errors end as one `Feil:` line, like every other error of `kb`.
"""
from __future__ import annotations

import click

HELP = "Vis denne hjelpen og avslutt."


def _norwegian_help(option: click.Option | None) -> click.Option | None:
    if option is not None:
        option.help = HELP
    return option


class Command(click.Command):
    """A command whose help is in Norwegian."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[VALG]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _norwegian_help(super().get_help_option(ctx))

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix="Bruk: ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for param in self.get_params(ctx) if isinstance(param, click.Option)
                and (row := param.get_help_record(ctx)) is not None]
        if rows:
            with formatter.section("Valg"):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Group(Command, click.Group):
    """A group of commands whose help and errors are in Norwegian."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(formatter.width))
                for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Kommandoer"):
                formatter.write_dl(rows)

    def main(self, args=None, prog_name=None, **extra):
        """Run the command; a usage error is one Norwegian line and exit status 2."""
        try:
            return super().main(args, prog_name, standalone_mode=False, **extra)
        except click.exceptions.Exit as done:
            raise SystemExit(done.exit_code) from None
        except click.exceptions.Abort:
            click.echo("Avbrutt.", err=True)
            raise SystemExit(1) from None
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "kb"
            click.echo(f"Feil: {message(error)} Se «{command} --help».", err=True)
            raise SystemExit(2) from None
        except click.ClickException as error:
            click.echo(f"Feil: {error.format_message()}", err=True)
            raise SystemExit(error.exit_code) from None


def message(error: click.UsageError) -> str:
    """Return a usage error in Norwegian."""
    if isinstance(error, click.NoSuchOption):
        return f"valget {error.option_name} finnes ikke."
    if isinstance(error, click.MissingParameter):
        name = error.param.human_readable_name if error.param else "et argument"
        return f"{name} mangler."
    if isinstance(error, click.BadParameter):
        name = error.param.get_error_hint(error.ctx) if error.param and error.ctx else "verdien"
        return f"ugyldig verdi for {name}: {error.message}"
    text = error.message
    if text.startswith("Got unexpected extra argument"):
        return "for mange argumenter."
    if text.startswith("No such command"):
        return f"kommandoen finnes ikke ({text.split(' ', 3)[-1].rstrip('.')})."
    if "requires an argument" in text:
        return f"{text.split()[0]} må ha en verdi."
    return text


class Whole(click.ParamType):
    """A whole number within bounds, with a Norwegian message when it is not one."""

    name = "tall"

    def __init__(self, least: int, most: int):
        self.least, self.most = least, most

    def convert(self, value, param, ctx) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"«{value}» er ikke et helt tall.", param, ctx)
        if not self.least <= number <= self.most:
            self.fail(f"{number} er ikke mellom {self.least} og {self.most}.", param, ctx)
        return number

    def get_metavar(self, param, ctx=None) -> str:
        return f"{self.least}–{self.most}"


class OneOf(click.Choice):
    """A choice among fixed words, with a Norwegian message for any other word."""

    def convert(self, value, param, ctx):
        if value in self.choices:
            return value
        self.fail(f"«{value}» er ikke et av {', '.join(self.choices)}.", param, ctx)
