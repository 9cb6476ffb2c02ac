"""Similar inputs: the key terms of one input's text, searched for in all the others."""
from __future__ import annotations

from whoosh import query

from kb.corrections import YES

# Key terms that say nothing about the subject: abbreviations the analyzer keeps.
NOISE = frozenset({"eks", "f.eks", "bl.a", "osv", "mfl", "ca", "mv", "dvs", "jf"})
KEY_TERMS = 8


def similar_ids(searcher, input_id: str, limit: int = 5) -> list[str]:
    """Return the ids of the inputs most like this one (never itself), best first."""
    docnum = searcher.document_number(id=input_id)
    if docnum is None:
        return []
    terms = [(term, weight) for term, weight in
             searcher.key_terms([docnum], "text", numterms=KEY_TERMS * 2)
             if len(term) > 2 and "." not in term and term not in NOISE
             and not term.isdigit()][:KEY_TERMS]
    if not terms:
        return []
    wanted = query.Or([query.Term("text", term, boost=weight) for term, weight in terms])
    hidden = {docnum, *searcher.docs_for_query(query.Term("hidden", YES))}
    return [hit["id"] for hit in searcher.search(wanted, limit=limit, mask=hidden)]
