"""The article as text: the parsed document, its sentences, quotations and words, and the one
matching layer every rule uses for word lists and patterns."""
