"""Query texts a user or an attacker may send: none may break the app."""

NASTY = ['"', "(", ")", "((", "*", "a*", "-", "+", "--x", "OR", "AND", "NOT", "OR OR", '""',
         "år:", "år:abc", "år:99999999999999999999", "tema:", ":", "::", "\x00", "%", "'", "\\",
         "🙂", "språk~", "språk~2", "språk~x", "text:foo", "a^2", "språk^", "[a TO b]", "{", "}",
         "*:*", "?", "språ?", "-\"\"", "-()", "(())", "()", "B2-nivå", "/", "<", ">", "&amp;",
         "x" * 500, "ord " * 120, "AND språk", "språk OR", "NOT språk", "-språk -krav",
         "+", "++språk", "språk**", '"a" "b', "tema:\"x", "type:foo", "år:2025 år:2024",
         "\u200b", "\ufeff", "ÆØÅ", "språk\tkrav", "språk\nkrav"]
