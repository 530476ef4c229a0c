"""The command line: thin Typer commands that parse options, call the core and pick a reporter."""
