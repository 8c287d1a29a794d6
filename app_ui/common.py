"""Small helpers shared by the app's Gradio tabs."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any


def bind_services(fn: Callable, services: Any) -> Callable:
    """``fn`` with ``services`` bound as its first argument, keeping the rest of its signature and its resolved
    type hints, so that Gradio still injects ``gr.Request``, ``gr.Progress`` and ``gr.OAuthToken`` parameters
    and ``gradio_client`` sees the right parameter names."""
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            yield from fn(services, *args, **kwargs)
    else:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(services, *args, **kwargs)
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    wrapper.__signature__ = sig.replace(parameters=params[1:])
    try:
        hints = typing.get_type_hints(fn)
    except (NameError, TypeError):
        hints = {}
    hints.pop(params[0].name, None)
    wrapper.__annotations__ = hints
    del wrapper.__wrapped__
    return wrapper
