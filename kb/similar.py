"""Similar inputs: the key terms of one input's text, searched for in all the others."""
from __future__ import annotations

import numpy as np
from whoosh import query

# Key terms that say nothing about the subject: abbreviations the analyzer keeps.
NOISE = frozenset({"eks", "f.eks", "bl.a", "osv", "mfl", "ca", "mv", "dvs", "jf"})
KEY_TERMS = 8


def similar_ids(engine, input_id: str, limit: int = 5) -> list[str]:
    """Return the ids of the inputs most like this one (never itself), best first: by meaning
    where the index has vectors, else by the input's key words."""
    searcher = engine.searcher()
    docnum = searcher.document_number(id=input_id)
    if docnum is None:
        return []
    if engine.meaning() is not None:
        return _by_meaning(engine, docnum, limit)
    terms = [(term, weight) for term, weight in
             searcher.key_terms([docnum], "text", numterms=KEY_TERMS * 2)
             if len(term) > 2 and "." not in term and term not in NOISE
             and not term.isdigit()][:KEY_TERMS]
    if not terms:
        return []
    found = engine.evaluate(query.Or([query.Term("text", term, boost=weight)
                                      for term, weight in terms]))
    found = found.only((found.docs != docnum) & ~engine.columns.hidden[found.docs])
    best = found.docs[np.lexsort((found.docs, -found.scores))[:limit]]
    return [searcher.stored_fields(int(n))["id"] for n in best]


def _by_meaning(engine, docnum: int, limit: int) -> list[str]:
    """Return the ids of the inputs whose vectors are closest to this one's."""
    _, vectors = engine.meaning()
    usable = engine.live[:len(vectors)] & ~engine.columns.hidden[:len(vectors)]
    usable[docnum] = False
    docs = np.flatnonzero(usable)
    similarity = np.asarray(vectors[docs] @ vectors[docnum], np.float32)
    best = docs[np.argsort(-similarity, kind="stable")[:limit]]
    return [engine.searcher().stored_fields(int(n))["id"] for n in best]
