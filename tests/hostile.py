"""Query texts a user or an attacker may send: none may break the app."""

NASTY = ['"', "(", ")", "((", "*", "a*", "-", "+", "--x", "OR", "AND", "NOT", "OR OR", '""',
         "år:", "år:abc", "år:99999999999999999999", "tema:", ":", "::", "\x00", "%", "'", "\\",
         "🙂", "språk~", "språk~2", "språk~x", "text:foo", "a^2", "språk^", "[a TO b]", "{", "}",
         "*:*", "?", "språ?", "-\"\"", "-()", "(())", "()", "B2-nivå", "/", "<", ">", "&amp;",
         "x" * 500, "ord " * 120, "AND språk", "språk OR", "NOT språk", "-språk -krav",
         "+", "++språk", "språk**", '"a" "b', "tema:\"x", "type:foo", "år:2025 år:2024",
         "\u200b", "\ufeff", "ÆØÅ", "språk\tkrav", "språk\nkrav"]


# Files an attacker (or an accident) may hand to `kb ingest`.
def word_file(target, source, replace=None, extra=None):
    """Write a copy of a Word file with some parts replaced and more parts added."""
    import zipfile
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = (replace or {}).get(item.filename) or old.read(item.filename)
            new.writestr(item, data)
        for name, chunks in (extra or {}).items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            with new.open(info, "w") as stream:
                for chunk in chunks:
                    stream.write(chunk)
    return target


WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# The «billion laughs»: ten entities, each ten of the one before: 10⁹ «lol» when expanded.
ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    + f']><w:document {WORD_NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
    '</w:document>').encode()
DEEP_XML = (f'<?xml version="1.0"?><w:document {WORD_NS}><w:body>' + "<w:p>" * 100_000
            + "</w:p>" * 100_000 + "</w:body></w:document>").encode()


def zip_bomb_parts(megabytes=300):
    """Return a part of `megabytes` zeros, which packs into a few hundred kilobytes."""
    return {"word/media/image1.bin": (bytes(2**20) for _ in range(megabytes))}


def random_words(path, megabytes, seed=14, real=False):
    """Write a text file of random words (random letters, or words from the Norwegian word
    list) in bullet lines under numbered headings, to `megabytes` MB."""
    import random
    rnd = random.Random(seed)
    if real:
        from kb.compounds import general_zipf
        vocabulary = sorted(general_zipf())[:50_000]
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    size = megabytes * 2**20
    with open(path, "w", encoding="utf-8") as out:
        written, number = 0, 0
        while written < size:
            number += 1
            lines = [f"{number}. Bolk {number}: tema", ""]
            for _ in range(40):
                words = [rnd.choice(vocabulary) if real else "".join(
                    rnd.choice(letters) for _ in range(rnd.randint(3, 9))) for _ in range(12)]
                lines.append("- " + " ".join(words).capitalize() + ".")
            block = "\n".join(lines) + "\n\n"
            out.write(block)
            written += len(block.encode("utf-8"))
    return path
