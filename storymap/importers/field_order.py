"""Plain story data written in the format's own field order, whatever order it was built in.

The order is read from the models (``Story``, ``Place``, ``Event``…), so a field added to
the format is written where the models put it; unknown keys (none, from an importer) last.
"""

from __future__ import annotations

import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, RootModel

from storymap.model import Story


def in_field_order(data: Any, model: type[BaseModel] = Story) -> Any:
    """``data`` (dicts and lists) with every mapping's keys in ``model``'s field order."""
    if not isinstance(data, dict) or issubclass(model, RootModel):
        return data
    fields = model.model_fields
    ordered = {key: data[key] for key in fields if key in data}
    ordered.update({key: value for key, value in data.items() if key not in fields})
    for key, value in ordered.items():
        inner = _model_in(fields[key].annotation) if key in fields else None
        if inner is None:
            continue
        if isinstance(value, list):
            ordered[key] = [in_field_order(item, inner) for item in value]
        else:
            ordered[key] = in_field_order(value, inner)
    return ordered


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, through ``X | None`` and ``list[X]``; None for plain values."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (list, Union, types.UnionType):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    if origin is not None and get_args(annotation):  # Annotated[...] and friends
        return _model_in(get_args(annotation)[0])
    return None
