"""A report's table of contents: bolker, questions and categories, each a filtered search."""
from __future__ import annotations

from dataclasses import dataclass, field

from kb.fields import kind_label


@dataclass
class Node:
    """One entry of the table of contents; its count is what its search finds."""

    label: str
    filters: dict[str, list[str]]
    count: int = 0
    children: list[Node] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)

    def child(self, label: str, name: str, value: object) -> Node:
        for node in self.children:
            if node.filters == {**self.filters, name: [str(value)]}:
                return node
        node = Node(label, {**self.filters, name: [str(value)]})
        self.children.append(node)
        return node


def contents(inputs: list) -> list[Node]:
    """Return the table of contents of one report's inputs (given in report order)."""
    if not inputs:
        return []
    year = str(inputs[0].year)
    root = Node("", {"year": [year]})
    sections: dict[str, Node] = {}
    for item in inputs:
        if item.session:
            label = f"{item.session}: {item.theme}" if item.theme else item.session
            node = root.child(label, "session", item.session)
            _place_in_session(node, item)
        else:
            name = item.section or kind_label(item.kind)
            node = sections.get(name)
            if node is None:
                node = sections[name] = Node(name, {"year": [year]})
                root.children.append(node)
            node.kinds.append(item.kind)
            node.speakers.append(item.speaker)
    for node in sections.values():
        node.filters["kind"] = sorted(set(node.kinds))
        if len(set(node.speakers)) == 1 and node.speakers[0]:
            node.filters["speaker"] = [node.speakers[0]]
    _count(root.children, inputs)
    return root.children


def _place_in_session(node: Node, item) -> None:
    if item.question:
        label = f"Spørsmål {item.question_no}: {item.question}" if item.question_no else item.question
        node = node.child(label, "question", item.question)
        if item.category:
            node = node.child(item.category, "category", item.category)
            if item.subcategory:
                node.child(item.subcategory, "subcategory", item.subcategory)
        return
    node = node.child(kind_label(item.kind), "kind", item.kind)
    if item.speaker:
        label = f"{item.speaker} ({item.organisation})" if item.organisation else item.speaker
        node.child(label, "speaker", item.speaker)


def matches(item, filters: dict[str, list[str]]) -> bool:
    """Say whether an input passes filters the way the search does (any value of each field)."""
    return all(str(getattr(item, name)) in values for name, values in filters.items())


def _count(nodes: list[Node], inputs: list) -> None:
    for node in nodes:
        node.count = sum(1 for item in inputs if matches(item, node.filters))
        _count(node.children, inputs)
