"""`python -m timeline` runs the command line."""

from timeline.launch import main

main()
