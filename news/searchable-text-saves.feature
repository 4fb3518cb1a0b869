Saving an arrangement reindexes the page's `SearchableText` only when its text
changed: moving widgets, or changing a setting that shows no words, no longer
rewrites the page's word list in the catalog (about 1 KB written per move,
whatever the page's size). Widgets' words are indexed in the order of their ids.
