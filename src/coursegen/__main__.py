"""`python -m coursegen` runs the command line."""

from coursegen.cli import main

if __name__ == "__main__":  # not when a spawned build worker imports this module
    main()
