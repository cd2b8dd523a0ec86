"""The standard English pipeline: the steps of each layer, in order.

Order matters and is checked: each step names what it needs and adds (see
``pipeline.Pipeline``). Each layer keeps its steps in its own ``steps`` module.
"""

from __future__ import annotations

from .actors.steps import mentions
from .quotes.steps import quotes, statements
from .signals.steps import signals
from .text.steps import segment

DEFAULT_STEPS = [segment, mentions, quotes, statements, signals]
