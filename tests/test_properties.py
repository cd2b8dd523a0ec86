"""Property tests: whatever the text, extraction returns, and every offset is exact."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import parley

# Text that looks like news often enough to reach the quote and signal code: words from the
# negotiation vocabulary, names, quote marks of every kind, punctuation and line breaks.
WORDS = st.sampled_from(
    "talks negotiate never ceasefire agreed with the Kremlin Velic said told reporters \" “ ” « » ‘ ’ ' "
    "until unless if . , ? ! -- \n \n\n Kestria Varosia open ready refuses terrorists we they he she "
    "Norway mediators met in Oslo truce deal signed President Minister spokesman according to".split(" ")
)
NEWSLIKE = st.lists(WORDS, min_size=0, max_size=120).map(" ".join)


def _check(text: str) -> None:
    result = parley.analyze(text)
    for q in [*result.quotes, *result.statements]:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.quote
    for s in result.signals:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.evidence
    for e in result.errors:
        assert e.code.startswith("P1")  # input errors only: no step ever crashes (P200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_properties_any_text_extracts_with_exact_offsets(text):
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSLIKE)
def test_properties_newslike_text_extracts_with_exact_offsets(text):
    _check(text)
