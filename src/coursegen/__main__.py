"""`python -m coursegen` runs the command line."""

from coursegen.cli import main

main()
