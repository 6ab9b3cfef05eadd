"""A draft story from a news article: ``python -m storymap draft ARTICLE --published DATE``.

The draft finds the article's dates, places, sources and quotations, and writes a story
file that validates. It is honest about being a draft: the article's sentences are kept
as ``evidence`` for the author, every reader-facing text is a placeholder that says what
to write, and ``draft.todo`` lists every field an author must still write or check.

Modules, one job each: ``article`` (read the file, split sentences), ``language`` (which
language: ``--lang`` or a guess), ``date_vocabulary`` (a language's date words, from
dateparser), ``dates_absolute``, ``dates_relative``, ``dates_now`` and ``dates_found``
(dates in words), ``countries`` and ``places`` (place names), ``where`` (which places a
clause names as where it happened), ``attribution`` (sources and quotations),
``spans`` (what a sentence has taken), ``categories``, ``events`` (assemble),
``writer`` (the YAML file), ``compare`` and ``scoring`` (measure a draft against a
hand-written story or an annotated article). Every rule runs in time linear in the
article (``benchmarks/bench_draft_sizes.py`` measures it on generated worst cases).
"""
