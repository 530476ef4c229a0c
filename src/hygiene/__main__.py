"""`python -m hygiene` runs the same app as the `hygiene` console script."""

from hygiene.cli.app import main

if __name__ == "__main__":
    main()
