"""Analyses several rules share, each computed once per document: who a sentence is
attributed to, which paragraphs overlap, how many syllables a word has."""
