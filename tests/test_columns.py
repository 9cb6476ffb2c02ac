"""Facet counts from the columns of the real report: every way of counting gives the counts
of the plain definition (the documents' values, counted one by one)."""
from collections import Counter

import numpy as np
import pytest

from kb.columns import others
from kb.engine import engine_for
from kb.fields import FACETS


def plain_counts(index, name, docs):
    """Count a field's values over the documents from their stored fields, one by one."""
    counted = Counter()
    with index.searcher() as searcher:
        for doc in docs:
            value = searcher.stored_fields(int(doc)).get(name)
            if value in (None, ""):
                continue
            for one in (value.split(",") if name == "topic" else [value]):
                counted[one] += 1
    return counted


@pytest.mark.parametrize("share", [0.0, 0.1, 0.5, 0.51, 0.9, 1.0])
def test_counts_of_few_and_of_many_documents_are_the_plain_counts(index_2025, share):
    engine = engine_for(index_2025)
    documents = engine.doc_count
    rng = np.random.default_rng(int(share * 100))
    docs = np.sort(rng.choice(documents, int(share * documents), replace=False)).astype(np.int32)
    rest = others(docs, documents)
    assert (rest is None) == (2 * len(docs) <= documents)
    for name in FACETS:
        expected = plain_counts(index_2025, name, docs)
        for not_docs in (None, rest):
            counted = engine.columns[name].counts(docs, not_docs)
            assert {str(value): count for value, count in counted} == \
                {str(value): count for value, count in expected.items()}, (name, share)
