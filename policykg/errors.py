"""The CLI's error for "cannot run": one line on standard error and exit code 2 (see cli.main)."""
import click


class CannotRun(click.ClickException):
    """Bad input, no store, bad options: the command could not do its job."""
    exit_code = 2
