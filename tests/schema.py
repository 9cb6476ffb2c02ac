"""Check JSON answers against the OpenAPI document the app serves."""


def validate(value, schema, document, path="$"):
    """Check a value against the JSON Schema subset the OpenAPI document uses."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return validate(value, document["components"]["schemas"][name], document, path)
    if "oneOf" in schema:
        passing = []
        for option in schema["oneOf"]:
            try:
                validate(value, option, document, path)
                passing.append(option)
            except AssertionError:
                pass
        assert len(passing) == 1, f"{path}: {value!r} matches {len(passing)} of oneOf"
        return
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        kinds = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
                 "null": type(None), "object": dict, "array": list}
        assert any(isinstance(value, kinds[t]) and not (t == "integer" and isinstance(value, bool))
                   for t in types), f"{path}: {value!r} is not {types}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        assert value >= schema.get("minimum", value), f"{path}: {value} < minimum"
        assert value <= schema.get("maximum", value), f"{path}: {value} > maximum"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}: missing {key}"
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(properties)
            assert not extra, f"{path}: undocumented keys {extra}"
        for key, item in value.items():
            if key in properties:
                validate(item, properties[key], document, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for number, item in enumerate(value):
            validate(item, schema["items"], document, f"{path}[{number}]")


def response_schema(openapi, path, status):
    return openapi["paths"][path]["get"]["responses"][str(status)]["content"][
        "application/json"]["schema"]
