"""Build a SentencePiece "precompiled charsmap" from a plain ``{source: replacement}`` table.

The charsmap is what ``tokenizers.normalizers.Precompiled`` (and transformers'
XLM-R tokenizer, which keeps only this normaliser when it reloads a directory)
understands: a little-endian ``u32`` byte size of a darts-clone double-array
trie over the UTF-8 keys, the trie units, then the replacement strings, each
NUL-terminated. A key's trie value is the byte offset of its replacement.

Unit layout (darts-clone): bits 0-7 label, bit 8 "has leaf", bit 9 "offset is
shifted by 8", bits 10-30 offset; a leaf unit has bit 31 set and the value in
bits 0-30. A node at position ``p`` with offset ``o`` keeps its children at
``p ^ o ^ label`` and its leaf (the value) at ``p ^ o``.
"""

from __future__ import annotations

import struct
from collections import deque
from collections.abc import Mapping

_LEAF_BIT = 1 << 31
_HAS_LEAF_BIT = 1 << 8
_MAX_OFFSET = 1 << 21  # offsets stored unshifted; our tries are far smaller than 2M units
_BLOCK = 256  # readers index ``base ^ label`` without bounds checks: keep whole 256-unit blocks


def build_precompiled_charsmap(rules: Mapping[str, str]) -> bytes:
    """Serialise ``rules`` (non-empty source string -> replacement, may be empty) as a charsmap."""
    blob = bytearray()
    blob_offset: dict[str, int] = {}
    for replacement in sorted(set(rules.values())):
        blob_offset[replacement] = len(blob)
        blob += replacement.encode("utf-8") + b"\0"

    # Plain byte trie first; label -1 marks "a key ends here" with its blob offset.
    root: dict[int, object] = {}
    for source, replacement in rules.items():
        if not source:
            raise ValueError("charsmap keys must be non-empty")
        node = root
        for byte in source.encode("utf-8"):
            node = node.setdefault(byte, {})  # type: ignore[assignment]
        node[-1] = blob_offset[replacement]

    units: list[int] = [0] * _BLOCK
    used = bytearray(_BLOCK)
    used[0] = 1  # the root

    def reserve(size: int) -> None:
        while len(units) < size:
            units.extend([0] * _BLOCK)
            used.extend(bytes(_BLOCK))

    first_free = 1
    queue: deque[tuple[dict[int, object], int]] = deque([(root, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(label for label in node if label >= 0)
        has_leaf = -1 in node
        slots = ([0] if has_leaf else []) + labels  # label 0 is where the leaf value lives
        if not slots:
            continue
        # First fit: the lowest base whose slots are all free.
        while used[first_free]:
            first_free += 1
            reserve(first_free + 1)
        candidate = first_free
        while True:
            base = candidate ^ slots[0]
            reserve((base | (_BLOCK - 1)) + 1)
            if all(not used[base ^ label] for label in slots):
                break
            candidate += 1
            reserve(candidate + 1)
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("charsmap trie too large for unshifted offsets")
        units[pos] |= (offset << 10) | (_HAS_LEAF_BIT if has_leaf else 0)
        if has_leaf:
            used[base] = 1
            units[base] = _LEAF_BIT | int(node[-1])  # type: ignore[arg-type]
        for label in labels:
            child = base ^ label
            used[child] = 1
            units[child] = label
            queue.append((node[label], child))  # type: ignore[arg-type]

    size = max(i for i, flag in enumerate(used) if flag) + 1
    size = -(-size // _BLOCK) * _BLOCK
    trie = struct.pack(f"<{size}I", *units[:size])
    return struct.pack("<I", len(trie)) + trie + bytes(blob)
