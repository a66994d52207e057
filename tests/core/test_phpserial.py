"""The PHP unserializer: safe JSON output, WordPress's detection rule, repair of broken lengths."""

from __future__ import annotations

import pytest

from app.core.phpserial import PhpSerializeError, decoding_once, dumps, is_serialized, loads, maybe_unserialize


def test_sequential_arrays_become_lists_and_others_dicts() -> None:
    assert loads('a:2:{i:0;s:3:"abc";i:1;i:5;}') == ["abc", 5]
    assert loads('a:2:{s:1:"a";b:1;i:5;d:0.5;}') == {"a": True, "5": 0.5}


def test_lengths_count_utf8_bytes() -> None:
    assert loads('a:1:{i:0;s:4:"\u00e9\u00e9";}') == ["\u00e9\u00e9"]
    assert loads('s:4:"\U0001f600";') == "\U0001f600"


def test_objects_become_plain_dicts_never_instances() -> None:
    assert loads('O:8:"stdClass":2:{s:1:"a";i:1;s:1:"b";N;}') == {"a": 1, "b": None}


def test_length_broken_by_crlf_conversion_is_repaired() -> None:
    # Written with "\n" (3 bytes) but the file now carries "\r\n": the declared length is one short.
    assert loads('a:2:{s:4:"text";s:3:"a\r\nb";s:1:"k";b:1;}') == {"text": "a\r\nb", "k": True}
    # And the other way round: declared for "\r\n", the file has "\n".
    assert loads('a:1:{i:0;s:4:"a\nb";}') == ["a\nb"]


def test_string_containing_quote_semicolon_is_read_by_its_length() -> None:
    assert loads('s:5:"a";b";') == 'a";b'


def test_detection_follows_wordpress_is_serialized() -> None:
    assert is_serialized("a:0:{}")
    assert is_serialized("b:1;")
    assert not is_serialized("hello")
    assert not is_serialized("12")
    assert maybe_unserialize("plain text") == "plain text"


def test_undecodable_value_is_kept_raw() -> None:
    assert maybe_unserialize("a:3:{i:0;") == "a:3:{i:0;"
    with pytest.raises(PhpSerializeError):
        loads("x:1;")


def test_dumps_round_trips() -> None:
    value = {"sizes": {"thumbnail": {"file": "b\u00e9.jpg", "width": 150}}, "list": ["1", "2"], "flag": False}
    assert loads(dumps(value)) == value


def test_nested_arrays_decode_the_same_at_any_depth() -> None:
    nested: object = "leaf"
    raw = 's:4:"leaf";'
    for _ in range(100):  # deeper than the fast path goes: the full parser takes over
        nested = [nested]
        raw = f"a:1:{{i:0;{raw}}}"
    assert loads(raw) == nested


def test_values_with_surrounding_whitespace_are_still_detected() -> None:
    assert maybe_unserialize(' \na:1:{s:1:"k";i:-3;}\n') == {"k": -3}
    assert maybe_unserialize("\tplain") == "\tplain"


def test_integer_spellings_php_accepts_decode_outside_the_fast_path() -> None:
    assert loads("i:+5;") == 5
    assert loads('a:1:{i:+1;s:1:"x";}') == {"1": "x"}


def test_decoding_once_shares_larger_values_within_the_block_only() -> None:
    large = dumps({"sizes": {f"size-{n}": {"file": f"photo-{n}.jpg", "width": n} for n in range(20)}})
    small = dumps(["a", "b"])
    broken = large[:-1]
    outside = maybe_unserialize(large)
    with decoding_once():
        first, second = maybe_unserialize(large), maybe_unserialize(large)
        assert first == outside
        assert first is second
        assert maybe_unserialize(small) == ["a", "b"]
        assert maybe_unserialize(small) is not maybe_unserialize(small)
        assert maybe_unserialize(broken) == broken
        assert maybe_unserialize("plain text") == "plain text"
    assert maybe_unserialize(large) is not maybe_unserialize(large)
