"""Admin commands for the FastAPI test app (click)."""

import click


@click.group()
def cli():
    """Item administration."""


@cli.command()
@click.argument("item_id")
def purge(item_id):
    click.echo(f"purging {item_id}")
