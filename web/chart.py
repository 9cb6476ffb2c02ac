"""A bar chart worked out as plain numbers, for the templates to draw as SVG (no script)."""
from __future__ import annotations

from dataclasses import dataclass

WIDTH = 340   # the viewBox is scaled to the page; at this width text stays readable on a phone
LABEL = 52    # room left of the bars for the year
VALUE = 112   # room right of the longest bar for its number
ROW = 36
BAR = 24
TOP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str     # what is written next to the bar
    y: float
    width: float

    @property
    def middle(self) -> float:
        return self.y + BAR / 2


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int = WIDTH
    start: int = LABEL
    bar_height: int = BAR

    @property
    def height(self) -> int:
        return TOP * 2 + ROW * len(self.bars)


def bar_chart(rows: list[tuple[str, int, str]]) -> Chart:
    """Return one horizontal bar per (label, value, text), the longest filling the room."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    room = WIDTH - LABEL - VALUE
    return Chart([Bar(label, value, text, TOP + number * ROW + (ROW - BAR) / 2,
                      round(room * value / largest, 1))
                  for number, (label, value, text) in enumerate(rows)])
