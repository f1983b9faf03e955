"""A list model of places (provinces or communes) that filters without new widgets.

GUI thread only. The address question shows provinces, then communes, in a
``QListView`` over :class:`PlaceModel`. Filtering replaces the model's row list
in one reset (the view repaints only the visible rows), so a keystroke over the
3,321 communes costs a search in ``forms.address`` plus one repaint, not one
widget per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)

from forms import address

ROW_HEIGHT = 68  # above the 64 px target floor
CodeRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Place:
    """One row: an official code and the name shown (with its diacritics)."""

    code: str
    name: str

    @staticmethod
    def of(code: str, name: str) -> Place:
        """A row with the name's spaces tidied (the source data has a few doubled)."""
        return Place(code, " ".join(name.split()))


class PlaceModel(QAbstractListModel):
    """The rows currently shown; :meth:`show` swaps them in one reset."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Place, ...] = ()

    def show(self, places: Sequence[Place]) -> None:
        self.beginResetModel()
        self._rows = tuple(places)
        self.endResetModel()

    def place(self, row: int) -> Place | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str) -> int:
        for row, place in enumerate(self._rows):
            if place.code == code:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        place = self.place(index.row()) if index.isValid() else None
        if place is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return place.name
        if role == CodeRole:
            return place.code
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(200, ROW_HEIGHT)
        return None


def filter_provinces(query: str) -> list[Place]:
    """Provinces matching ``query`` without accents: short-name starts, word starts, inside."""
    needle = address.fold(query)
    every = address.provinces()
    if not needle:
        return [Place.of(p.code, p.name) for p in every]
    ranked: list[tuple[int, int, Place]] = []
    for order, p in enumerate(every):
        short = p.folded.removeprefix("thanh pho ").removeprefix("tinh ")
        if short.startswith(needle):
            rank = 0
        elif (" " + needle) in (" " + p.folded):
            rank = 1
        elif needle in p.folded:
            rank = 2
        else:
            continue
        ranked.append((rank, order, Place.of(p.code, p.name)))
    return [place for _rank, _order, place in sorted(ranked, key=lambda r: (r[0], r[1]))]


def filter_wards(province_code: str, query: str) -> list[Place]:
    """Communes of one province matching ``query`` (``forms.address.search_wards``)."""
    return [Place.of(w.code, w.name) for w in address.search_wards(province_code, query)]
