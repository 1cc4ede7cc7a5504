"""How often a word segmenter glues syllables across a gold span edge, on a corpus directory.

python benchmarks/segmentation.py [data/annotations]
"""

from __future__ import annotations

import sys

from thidua_ner.formats.corpus import DEFAULT_CORPUS, load_corpus, record_tokens_tags
from thidua_ner.text.words import boundary_merge_rate


def main() -> None:
    corpus = load_corpus(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS)
    pairs = []
    for records in corpus.values():
        for r in records:
            toks, tags = record_tokens_tags(r)
            pairs.append(([t.text for t in toks], tags))
    for backend in ("underthesea", "pyvi"):
        print(boundary_merge_rate(pairs, backend))


if __name__ == "__main__":
    main()
