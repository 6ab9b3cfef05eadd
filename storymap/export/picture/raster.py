"""Soft obstacles summed into a raster, so what a label would cover costs four look-ups.

A story with 500 routes puts about 100,000 small boxes along its lines; asking a
spatial index which of them each of 60,000 candidate label boxes touches took most
of a minute. Instead every obstacle's weight is added to the cells it covers (with a
difference array, so each box costs four additions), and a summed-area table gives
the weighted area under any box in constant time.
"""

from __future__ import annotations

import numpy as np

MAX_CELLS = 2500  # along the longer side of the frame; a cell is at least one display unit
CLEAR = 1e-9  # a cost at or below this is no cost (sums of floats leave crumbs)


class CostRaster:
    """The weighted coverage of a frame (x0, y0, x1, y1) by boxes (rows of x0, y0, x1, y1)."""

    def __init__(self, frame: tuple[float, float, float, float], boxes: np.ndarray,
                 weights: np.ndarray) -> None:  # fmt: skip
        self.x0, self.y0, x1, y1 = frame
        self.cell = max(1.0, max(x1 - self.x0, y1 - self.y0) / MAX_CELLS)
        self.nx = max(1, int(np.ceil((x1 - self.x0) / self.cell)))
        self.ny = max(1, int(np.ceil((y1 - self.y0) / self.cell)))
        diff = np.zeros((self.ny + 1, self.nx + 1))
        if len(boxes):
            i0, j0, i1, j1 = self._cells(np.asarray(boxes, dtype=float), inward=False)
            keep = (i1 > i0) & (j1 > j0)
            i0, j0, i1, j1, w = i0[keep], j0[keep], i1[keep], j1[keep], np.asarray(weights)[keep]
            np.add.at(diff, (j0, i0), w)
            np.add.at(diff, (j0, i1), -w)
            np.add.at(diff, (j1, i0), -w)
            np.add.at(diff, (j1, i1), w)
        self.density = diff.cumsum(axis=0).cumsum(axis=1)[: self.ny, : self.nx]
        self.table = np.zeros((self.ny + 1, self.nx + 1))
        self.table[1:, 1:] = (self.density * self.cell**2).cumsum(axis=0).cumsum(axis=1)

    def _cells(self, boxes: np.ndarray, inward: bool) -> tuple[np.ndarray, ...]:
        """Each box's cell range [i0, i1) x [j0, j1): the cells it touches, or with
        ``inward`` the cells wholly inside it. Obstacles take the cells they touch and
        costs count the cells a box wholly covers, so two boxes that merely touch (a
        label beside its own marker) do not count as overlapping."""
        low, high = (np.ceil, np.floor) if inward else (np.floor, np.ceil)

        def edge(values: np.ndarray, origin: float, count: int, side) -> np.ndarray:
            return np.clip(side((values - origin) / self.cell), 0, count).astype(int)

        return (edge(boxes[:, 0], self.x0, self.nx, low), edge(boxes[:, 1], self.y0, self.ny, low),
                edge(boxes[:, 2], self.x0, self.nx, high), edge(boxes[:, 3], self.y0, self.ny, high))  # fmt: skip

    def cost(self, boxes: np.ndarray) -> np.ndarray:
        """Per box: the weighted area of the obstacles under it (0 when it is clear),
        exact to a cell (one display unit in a picture up to MAX_CELLS wide)."""
        if not len(boxes):
            return np.zeros(0)
        i0, j0, i1, j1 = self._cells(np.asarray(boxes, dtype=float), inward=True)
        i1, j1 = np.maximum(i1, i0), np.maximum(j1, j0)
        t = self.table
        total = t[j1, i1] - t[j0, i1] - t[j1, i0] + t[j0, i0]
        return np.where(total > CLEAR, total, 0.0)

    def along(self, starts: np.ndarray, ends: np.ndarray, samples: int = 12) -> np.ndarray:
        """Per segment: the heaviest obstacle weight at points sampled along it."""
        if not len(starts):
            return np.zeros(0)
        share = np.linspace(0, 1, samples)[None, :, None]
        points = starts[:, None, :] + (ends - starts)[:, None, :] * share
        i = np.clip(((points[..., 0] - self.x0) / self.cell).astype(int), 0, self.nx - 1)
        j = np.clip(((points[..., 1] - self.y0) / self.cell).astype(int), 0, self.ny - 1)
        heaviest = self.density[j, i].max(axis=1)
        return np.where(heaviest > CLEAR, heaviest, 0.0)
