"""Text as readers of each language expect it: French spacing, alphabetical order, dates written out."""
