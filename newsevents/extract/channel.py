"""The framing of the supervisor-worker protocol: one length-prefixed pickle per message,
written and read alike by the supervisor (:mod:`.pool`, :mod:`.dispatch`) and its workers
(:mod:`.worker`)."""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

_HEADER = struct.Struct(">Q")


def write_message(stream: IO[bytes], message: object) -> None:
    """Write one length-prefixed pickle and flush it."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    data = stream.read(n)
    if data is None or len(data) < n:  # a buffered pipe reads short only at end of file
        raise EOFError("pipe closed")
    return data


def read_message(stream: IO[bytes]) -> Any:
    """Read one message written by :func:`write_message`; EOFError when the pipe closed."""
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return pickle.loads(_read_exact(stream, size))
