"""An entity described by a kind noun and a clause instead of any form of its name (:mod:`kblam.described`): taken
when one description is close and unrivalled, refused otherwise."""

from __future__ import annotations

import pytest

from kblam.described import described_by_prose
from kblam.encoder import EmbeddingCache, encode_kb
from kblam.entities import NameIndex
from kblam.kb import Triple

ROWS = [Triple(*(part.strip() for part in line.split(" | "))) for line in """
IP_NODEFRAG | description | If enabled, the netfilter layer will not perform fragment reassembly of outgoing packets on raw sockets.
IP_NODEFRAG | since | Linux 2.6.36
IP_FREEBIND | description | If enabled, this boolean option allows binding to an IP address that is nonlocal or does not (yet) exist.
IP_FREEBIND | since | Linux 2.4
IP_RECVTTL | description | When this flag is set, pass an IP_TTL control message with the time-to-live field of the received packet.
IP_RECVTTL | since | Linux 2.2
IP_MTU | description | Retrieve the current known path MTU of the current socket.
IP_MTU | since | Linux 2.2
IP_TOS | description | Set or receive the Type-Of-Service field that is sent with every IP packet originating from this socket.
IP_TOS | since | Linux 1.0
""".strip().splitlines()]


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("option to disable netfilter reassembly of outgoing packets on raw sockets: which kernel added it?",
     [("IP_NODEFRAG", "since")]),
    ("the option that lets me bind to an address that doesn't exist yet - since which linux?",
     [("IP_FREEBIND", "since")]),
    ("the option that picks the congestion control algorithm: since which linux?", []),  # no such option
])
def test_an_entity_by_its_description(ask, question, expected):
    assert ask(question) == expected


@pytest.mark.realmodel
def test_only_a_clause_headed_by_a_kind_noun_is_read(minilm):
    kb = encode_kb(ROWS, minilm)
    index, cache = NameIndex([t.name for t in ROWS]), EmbeddingCache()
    found = described_by_prose("option to disable netfilter reassembly of outgoing packets on raw sockets: since?",
                               kb, index, minilm, cache)
    assert found is not None and found.said.startswith("option to disable") and found.said.endswith("sockets")
    assert described_by_prose("disable netfilter reassembly of outgoing packets on raw sockets", kb, index, minilm,
                              cache) is None  # no kind noun: not read
