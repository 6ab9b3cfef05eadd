"""Every candidate spot of every label as numpy arrays, with spatial indexes: the label
placer's working memory, so that each step looks only at a label's neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely import STRtree

if TYPE_CHECKING:
    from storymap.export.picture.labels import Label, Spot

_H_SHIFT = {"left": 0.0, "center": 0.5, "right": 1.0}  # share of the width left of the point
_V_SHIFT = {"bottom": 0.0, "center": 0.5, "top": 1.0}


class SpotArrays:
    """Spot ``k`` belongs to label ``owner[k]``; its padded box is ``boxes[k]`` (x0, y0,
    x1, y1); spots with a leader line are listed in ``leader_of``."""

    def __init__(self, labels: Sequence[Label], pad: float, leader_skip: float) -> None:
        self.spot: list[Spot] = [spot for label in labels for spot in label.spots]
        self.count = len(self.spot)
        counts = [len(label.spots) for label in labels]
        self.owner = np.repeat(np.arange(len(labels)), counts)
        self.start = np.cumsum([0, *counts])
        self.rank = np.array([s.rank for s in self.spot], dtype=int)
        width = np.repeat([label.width for label in labels], counts).astype(float)
        height = np.repeat([label.height for label in labels], counts).astype(float)
        at = np.array([(s.x, s.y, s.dx, s.dy) for s in self.spot], dtype=float).reshape(-1, 4)
        tip_x, tip_y = at[:, 0] + at[:, 2], at[:, 1] + at[:, 3]
        left = tip_x - width * np.array([_H_SHIFT[s.ha] for s in self.spot])
        bottom = tip_y - height * np.array([_V_SHIFT[s.va] for s in self.spot])
        self.boxes = np.column_stack([left - pad, bottom - pad, left + width + pad,
                                      bottom + height + pad]).reshape(-1, 4)  # fmt: skip
        self.geoms = shapely.box(*self.boxes.T)
        self.tree = STRtree(self.geoms)

        self.leader_of = np.array([k for k, s in enumerate(self.spot) if s.leader], dtype=int)
        length = np.hypot(at[self.leader_of, 2], at[self.leader_of, 3])
        share = np.minimum(leader_skip / np.maximum(length, 1e-9), 0.9)[:, None]
        self.leader_end = np.column_stack([tip_x, tip_y])[self.leader_of]
        origin = at[self.leader_of, :2]
        self.leader_start = origin + (self.leader_end - origin) * share
        self.leaders = shapely.linestrings(np.stack([self.leader_start, self.leader_end], axis=1))
        self.leader_tree = STRtree(self.leaders)
        self.leader_at = {int(k): n for n, k in enumerate(self.leader_of)}

    def of(self, label: int) -> np.ndarray:
        return np.arange(self.start[label], self.start[label + 1])

    def row(self, index: int) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = (float(v) for v in self.boxes[index])
        return x0, y0, x1, y1

    def within(self, frame: tuple[float, float, float, float]) -> np.ndarray:
        b = self.boxes
        inside = (b[:, 0] >= frame[0]) & (b[:, 1] >= frame[1])
        return inside & (b[:, 2] <= frame[2]) & (b[:, 3] <= frame[3])

    def touching(self, boxes: Sequence[tuple[float, float, float, float]]) -> np.ndarray:
        """Per spot: whether its box shares area with any of ``boxes``, or its leader
        line crosses one."""
        hit = np.zeros(self.count, dtype=bool)
        if not boxes:
            return hit
        arr = np.array(boxes, dtype=float)
        tree = STRtree(shapely.box(*arr.T))
        spot, other = tree.query(self.geoms, predicate="intersects")
        hit[spot[_areas(self.boxes[spot], arr[other]) > 0]] = True
        if len(self.leaders):
            hit[self.leader_of[tree.query(self.leaders, predicate="intersects")[0]]] = True
        return hit

    def conflicts(self, index: int) -> np.ndarray:
        """The spots that can no longer be taken once spot ``index`` is taken: their boxes
        overlap its box or its leader line, or their leader lines cross its box or leader."""
        box = self.geoms[index]
        near = self.tree.query(box, predicate="intersects")
        near = near[_areas(self.boxes[near], self.boxes[index][None, :]) > 0]
        found = [near, self.leader_of[self.leader_tree.query(box, predicate="intersects")]]
        if index in self.leader_at:
            line = self.leaders[self.leader_at[index]]
            found.append(self.tree.query(line, predicate="intersects"))
            found.append(self.leader_of[self.leader_tree.query(line, predicate="intersects")])
        return np.unique(np.concatenate(found))

    def harm(self, index: int, clear: np.ndarray) -> float:
        """How far taking spot ``index`` pushes the labels still to come from their best
        clear spots, in ranks; a label left with no clear spot counts its worst rank + 2."""
        lost = self.conflicts(index)
        lost = lost[clear[lost]]
        total = 0.0
        for label in np.unique(self.owner[lost]):
            own = self.of(int(label))
            still = own[clear[own]]
            before = self.rank[still].min()
            left = np.setdiff1d(still, lost, assume_unique=True)
            after = self.rank[left].min() if len(left) else self.rank[own].max() + 2
            total += float(after - before)
        return total


def _areas(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row by row, the area two arrays of boxes (x0, y0, x1, y1) share."""
    w = np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0])
    h = np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1])
    return np.clip(w, 0, None) * np.clip(h, 0, None)
