"""A segment's postings written in bulk (kb.pool) are the files Whoosh's own writer writes:
terms held by a block's worth of documents and one more or one less, fields with and
without lengths, values of every kind, a merge of segments, and the long lists."""
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, KEYWORD, NUMERIC, TEXT, FieldType, Schema
from whoosh.formats import Existence
from whoosh.writing import SegmentWriter

from kb import dense
from kb.analysis import norwegian_analyzer
from kb.segments import SegmentBuilder

# Documents holding each word: below, at and above a block (128) and a long list (1,024).
HELD_BY = {"en": 1, "blokk": 127, "full": 128, "over": 129, "to": 256, "mer": 257,
           "lang": 1024, "alle": 1300}
DOCUMENTS = 1300


def schema() -> Schema:
    return Schema(id=ID(stored=True, unique=True), text=TEXT(stored=True),
                  stemmed=TEXT(analyzer=norwegian_analyzer()),
                  pairs=FieldType(Existence(), norwegian_analyzer(), scorable=False),
                  topic=KEYWORD(commas=True), year=NUMERIC(stored=True))


def document(number: int) -> dict:
    words = [word for word, held in HELD_BY.items() if number < held]
    # Words again at some documents, so frequencies and positions differ; every text its
    # own (a builder shares the values of equal texts, which a block's pickle keeps once).
    text = " ".join(words + words[: number % 3] + [f"nummer{number}"])
    return {"id": f"i{number}", "text": text, "stemmed": f"språkkrav {text} krav",
            "pairs": text, "topic": ",".join(["bolig", "arbeid"][: number % 3]) or None,
            "year": 2000 + number % 7}


def written(folder: Path, make) -> dict[str, bytes]:
    folder.mkdir()
    writer = make(whoosh_index.create_in(str(folder), schema()))
    for number in range(DOCUMENTS):
        writer.add_document(**{k: v for k, v in document(number).items() if v is not None})
    writer.commit()
    return {file.name.split(".", 1)[1]: file.read_bytes() for file in folder.iterdir()
            if file.name.startswith("MAIN_") and "." in file.name}


@pytest.mark.parametrize("compression", [0, 3])
def test_a_bulk_written_segment_is_whooshs_byte_for_byte(tmp_path, compression):
    whoosh = written(tmp_path / "whoosh", lambda index: SegmentWriter(
        index, compound=False, codec=W3Codec(compression=compression)))
    kb = written(tmp_path / "kb", lambda index: SegmentBuilder(
        index, {}, compound=False, codec=W3Codec(compression=compression)))
    assert {"pst", "trm", "kbp"} <= set(kb)
    assert sorted(set(kb) - {"kbp"}) == sorted(whoosh)
    for part, data in whoosh.items():
        assert kb[part] == data, part


def test_the_long_lists_are_the_postings_of_the_terms_held_by_enough_documents(tmp_path):
    folder = tmp_path / "kb"
    written(folder, lambda index: SegmentBuilder(index, {}, compound=False))
    index = whoosh_index.open_dir(str(folder))
    with index.reader() as reader:
        arrays = dense.arrays_of(folder, reader.segment())
        assert arrays is not None
        kept = {(field, term.encode("latin-1")) for field, terms in arrays.terms.items()
                for term in terms}
        long_terms = {term for term in reader.all_terms()
                      if reader.doc_frequency(*term) >= dense.LONG}
        assert kept == long_terms
        assert ("text", b"lang") in kept and ("text", b"alle") in kept
        for field, term in kept:
            matcher = reader.postings(field, term)
            ids, weights = [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
            found_ids, found_weights = arrays.get(field, term)
            assert found_ids.tolist() == ids
            assert np.allclose(found_weights, weights)


@pytest.mark.parametrize("merge_first", [True, False])
def test_a_merge_of_segments_writes_what_whoosh_writes(tmp_path, merge_first):
    # Two small segments, then a writer that adds documents and merges them in: the
    # merged postings come through the pool one at a time (TermPool.add).
    def build(name, make):
        folder = tmp_path / name
        folder.mkdir()
        index = whoosh_index.create_in(str(folder), schema())
        for part in range(2):
            writer = SegmentWriter(index, compound=False)
            for number in range(part * 200, part * 200 + 200):
                writer.add_document(**{k: v for k, v in document(number).items()
                                       if v is not None})
            writer.commit(merge=False)
        writer = make(index)
        if not merge_first:
            for number in range(400, 450):
                writer.add_document(**{k: v for k, v in document(number).items()
                                       if v is not None})
        writer.commit(optimize=True)
        with index.reader() as reader:
            return [(term, reader.doc_frequency(*term), list(postings(reader, term)))
                    for term in reader.all_terms()]

    whoosh = build("whoosh", lambda index: SegmentWriter(index, compound=False))
    kb = build("kb", lambda index: SegmentBuilder(index, {}, compound=False))
    assert kb == whoosh and len(kb) > 20


def postings(reader, term):
    matcher = reader.postings(*term)
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()
