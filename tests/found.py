"""What a base finds: per query, the hits and every facet's counts (to compare two builds)."""
from kb.index import open_index
from kb.search import SearchRequest, all_hits, search


def findings(config, queries, ranked: bool = False) -> dict:
    """Return, per query, the total, the ids found (in any order; with `ranked`, also the
    first page's in order) and every facet's counts."""
    index = open_index(config)
    found = {}
    for query in queries:
        request = SearchRequest(query, per_page=10)
        result = search(index, request)
        facets = {name: sorted((str(v.value), v.count) for v in values)
                  for name, values in result.facets.items()}
        every = sorted(hit.id for hit in all_hits(index, request))
        first = [hit.id for hit in result.hits]
        found[query] = (result.total, first, every, facets) if ranked else \
            (result.total, every, facets)
    return found
