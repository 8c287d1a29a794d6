"""A small studio project for the pair/import/export tests: chunks, tags, genre–audience pairs and answered
items of every shape (single-turn, multi-turn, with reasoning, system prompt and rejected answer)."""

from __future__ import annotations

from datagen import ga_pairs
from datagen.store import Store

CHUNKS = ["# Tides\n\nThe moon's pull raises two tidal bulges.", "# Volcanoes\n\nBasalt lava is runny.",
          "# Rivers\n\nA delta forms where a river slows down."]


def populate(store: Store, pid: int, *, per_tag: dict[str, int] | None = None) -> dict:
    """Fill project ``pid``; ``per_tag`` says how many items each tag gets (the pairs alternate). Returns ids."""
    per_tag = per_tag or {"Oceans": 4, "Geology": 2}
    fid, _ = store.add_file(pid, name="earth.md", stored_path="", kind="markdown", sha256="earth", size=1,
                            text="\n\n".join(CHUNKS), outline=[], meta={})
    store.replace_chunks(pid, fid, [{"text": t} for t in CHUNKS])
    chunk_ids = [c["id"] for c in store.list_chunks(pid)]
    pairs = [ga_pairs.add_pair(store, pid, "exam question", "high-school students"),
             ga_pairs.add_pair(store, pid, "tutorial", "beginners", audience_desc="no prior knowledge")]
    n = 0
    for tag, count in per_tag.items():
        tag_id = store.add_tag(pid, tag)
        for _ in range(count):
            qid = store.add_questions(pid, [{"key": f"t:{n}", "text": f"Question {n} about {tag}?",
                                             "chunk_id": chunk_ids[n % len(chunk_ids)], "tag_id": tag_id,
                                             "ga_pair_id": pairs[n % 2]}])[0]
            answer = f"Answer {n}, line one.\nLine two."
            turns = None
            if n == 1:  # a multi-turn item: the answer is the last turn
                turns = [{"role": "user", "content": f"Question {n} about {tag}?"},
                         {"role": "assistant", "content": answer}, {"role": "user", "content": f"And then {n}?"},
                         {"role": "assistant", "content": f"Then {n}."}]
                answer = turns[-1]["content"]
            store.add_answer(qid, text=answer, reasoning=f"Because {n}." if n % 2 else None, turns=turns)
            store.update_answer(qid, system="Be brief." if n % 3 == 0 else None,
                                rejected=f"Wrong {n}." if n != 2 else None, rating=n % 6)
            n += 1
    return {"file": fid, "chunks": chunk_ids, "pairs": pairs}
