"""How a figure is shown wherever it appears (issue #19): a rate (numerator ÷ denominator, with its
definition) and a plain count (its value, with its definition). The apps define their figures in their own
`figures` module (proposals.figures, petitions.figures) and build these; pages, exports and bulletins show
them, and a bulletin keeps them as JSON through `stored` and reads them back through `from_stored`."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A rate as shown: numerator ÷ denominator, its percent (None when nothing is counted: shown as "—"),
    what counts, and a count shown beside it (on time, basically satisfied)."""

    key: str
    label: str
    definition: str
    numerator: int
    denominator: int
    beside_label: str = ""
    beside: int | None = None

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None

    def stored(self) -> dict:
        """The figure as a bulletin keeps it in JSON ("of" for the bulletins kept before the definitions)."""
        return {
            "key": self.key,
            "label": self.label,
            "definition": self.definition,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "percent": self.percent,
            "beside_label": self.beside_label,
            "beside": self.beside,
            "of": [self.numerator, self.denominator],
        }

    @classmethod
    def from_stored(cls, row: dict) -> "Figure":
        numerator, denominator = row.get("of") or [row.get("numerator", 0), row.get("denominator", 0)]
        return cls(
            key=row.get("key", ""),
            label=row.get("label", ""),
            definition=row.get("definition", ""),
            numerator=numerator,
            denominator=denominator,
            beside_label=row.get("beside_label", ""),
            beside=row.get("beside"),
        )


@dataclass(frozen=True)
class Count:
    """A plain count as shown: its value, what it is called and, a tap away, what counts."""

    key: str
    label: str
    definition: str
    value: int

    def stored(self) -> dict:
        return {"key": self.key, "label": self.label, "definition": self.definition, "value": self.value}

    @classmethod
    def from_stored(cls, row: dict) -> "Count":
        return cls(
            key=row.get("key", ""),
            label=row.get("label", ""),
            definition=row.get("definition", ""),
            value=row.get("value", 0),
        )
