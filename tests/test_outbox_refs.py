"""Local references: look-alike-free alphabet, a check character that catches typos."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.errors import BadInput
from kiosk.outbox import refs


def test_ref_shape_and_alphabet() -> None:
    ref = refs.new_ref("Xã Hòa-01", random.Random(1))
    prefix, first, second = ref.split("-")
    assert prefix == "XAHOA01"
    assert len(first) == 4 and len(second) == 5
    assert set(first + second) <= set(refs.ALPHABET)
    assert not set("01OILSU") & set(refs.ALPHABET)
    assert refs.normalise(ref) == ref


@pytest.mark.parametrize("typed", ["demo01 7k3p 9qc", "DEMO01-7K3P", "", "----", "DEMO01-0000-0000O"])
def test_not_a_ref(typed: str) -> None:
    with pytest.raises(BadInput):
        refs.normalise(typed)


def test_every_single_substitution_and_neighbour_swap_is_caught() -> None:
    ref = refs.new_ref("DEMO-01", random.Random(3))
    tail = ref.replace("-", "")[len("DEMO01") :]
    for i in range(len(tail)):
        for c in refs.ALPHABET:
            if c != tail[i]:
                typo = tail[:i] + c + tail[i + 1 :]
                assert not refs.is_valid("DEMO01" + typo), typo
        if i + 1 < len(tail) and tail[i] != tail[i + 1]:
            swapped = tail[:i] + tail[i + 1] + tail[i] + tail[i + 2 :]
            assert not refs.is_valid("DEMO01" + swapped), swapped


@given(st.text(max_size=40))
def test_no_string_crashes_normalise(typed: str) -> None:
    with contextlib.suppress(BadInput):
        assert refs.is_valid(refs.normalise(typed))
