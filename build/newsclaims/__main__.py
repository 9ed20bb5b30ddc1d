"""``python -m newsclaims build ...``: the same command as the ``newsclaims`` script, for when no script is on PATH."""
from .cli import cli

if __name__ == "__main__":
    cli(prog_name="newsclaims")
