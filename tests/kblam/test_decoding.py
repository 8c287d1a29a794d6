"""Control flow of the grounded decoding processor (kblam/decoding.py) with a fake tokenizer and a scripted "model":
values copied across tokenisation boundaries, ambiguity between values, no false triggers, cover of missing
values, repetition stops and the answer's token budget. The real model is in test_exact_values.py."""

from __future__ import annotations

import torch

from kblam.decoding import GroundedDecoding, LineHoldback, answer_budget, repetition
from kblam.kb import Triple
from kblam.prompting import REFUSAL

STOP = 0


class PieceTokenizer:
    """Tokens are strings: a fixed vocabulary matched longest first, single characters otherwise (ids grow as new
    pieces are seen); id 0 is the stop token. Decoding concatenates, so any split decodes exactly."""

    def __init__(self, vocab: list[str] = ()) -> None:
        self.pieces = ["</s>"]
        self.ids: dict[str, int] = {}
        self.vocab = sorted(set(vocab), key=len, reverse=True)

    def id(self, piece: str) -> int:
        if piece not in self.ids:
            self.ids[piece] = len(self.pieces)
            self.pieces.append(piece)
        return self.ids[piece]

    def encode(self, text: str, add_special_tokens: bool = False) -> list[int]:
        out, i = [], 0
        while i < len(text):
            piece = next((p for p in self.vocab if text.startswith(p, i)), text[i])
            out.append(self.id(piece))
            i += len(piece)
        return out

    def decode(self, ids, skip_special_tokens: bool = True) -> str:
        return "".join(self.pieces[int(i)] for i in ids if int(i) != STOP)


def run(processor: GroundedDecoding, tok: PieceTokenizer, script: list[str], after: str = "", steps: int = 200,
        prefer: tuple[str, str] | None = None) -> str:
    """Greedy decoding of a 'model' that writes the tokens of ``script`` while the answer follows it; once the
    answer departs from the script (a value was copied) it writes ``after`` and stops. ``prefer`` = (text, piece):
    once the answer ends with ``text`` the model prefers ``piece`` (how it chooses between values)."""
    ids = torch.tensor([[tok.id("<prompt>")]])
    for _ in range(steps):
        text = tok.decode(ids[0, 1:].tolist())
        script_text, want_id = "", None
        for piece in script:
            if script_text == text:
                want_id = tok.id(piece)
                break
            script_text += piece
        if want_id is None and script_text != text:  # departed from the script: write `after`, then stop
            done = max(k for k in range(len(after) + 1) if text.endswith(after[:k]))
            want_id = tok.encode(after[done:])[0] if done < len(after) else STOP
        elif want_id is None:
            want_id = STOP
        scores = torch.zeros(1, len(tok.pieces) + 64)
        scores[0, want_id] = 10.0
        if prefer and text.endswith(prefer[0]):
            scores[0, tok.id(prefer[1])] += 20.0
        token = int(processor(ids, scores).argmax())
        if token == STOP:
            break
        ids = torch.cat([ids, torch.tensor([[token]])], dim=1)
    return tok.decode(ids[0, 1:].tolist())


def decoder(tok, evidence, matched=(), **kwargs) -> GroundedDecoding:
    return GroundedDecoding(tok, evidence, matched, [STOP], **kwargs)


ALT = Triple("Mount V", "altitude", "3,412 metres")


def test_value_after_its_answer_opening_is_copied_whole():
    tok = PieceTokenizer()
    script = ["The", " altitude", " of", " Mount", " V", " is", " 3", ",", "412", " meters", "."]
    assert run(decoder(tok, [ALT], [ALT]), tok, script, after=".") == "The altitude of Mount V is 3,412 metres."
    # the opening's value slot also calls for the value when the model meant to drop part of it
    date = Triple("Mount V", "first ascent", "14 March 2003")
    script = ["The", " first", " ascent", " of", " Mount", " V", " was", " March", " 2003", "."]
    assert run(decoder(tok, [date]), tok, script, after=".") == "The first ascent of Mount V was 14 March 2003."
    op = Triple("Q", "latency budget", "<= 5 ms")
    tok = PieceTokenizer([" is:"])
    script = ["Q", "'s", " latency", " budget", " is:", " 5", " ms", "."]
    assert run(decoder(tok, [op]), tok, script, after=".") == "Q's latency budget is: <= 5 ms."


def test_value_prefix_across_token_boundaries():
    """The model's first value token may hold several characters of the value (" 3,4") or one ("3"); the
    remaining characters are forced whatever the split, and the model ends the sentence its way."""
    for first in ([" 3,4", "12"], [" ", "3", ",", "4", "12"], [" 3", ",", "412"]):
        tok = PieceTokenizer([" 3,4"])
        script = ["It", " stands", *first, " meters", " high", "."]
        assert run(decoder(tok, [ALT]), tok, script, after=" high.") == "It stands 3,412 metres high."
    mail = Triple("Kin", "e-mail", "help@veltrano-kin.example")
    tok = PieceTokenizer(["help", "@", "velt", "ano"])
    script = ["Write", " to", " help", "@", "velt", "ano", "-kin.example", "."]
    assert run(decoder(tok, [mail]), tok, script, after=".") == "Write to help@veltrano-kin.example."


def test_ambiguous_prefix_prefers_matched_triple_then_model_choice():
    tok = PieceTokenizer()
    older, newer = Triple("E", "first version", "v2.14.0-rc1"), Triple("E", "latest version", "v2.15.1")
    script = ["See", " v", "2", ".", "1", "9"]
    # the question was matched to `newer`: it wins over the evidence order
    assert run(decoder(tok, [older, newer], [newer]), tok, script, after=".") == "See v2.15.1."
    # neither matched: the shared "v2.1" is written, then the model's logits choose between "4..." and "5..."
    assert run(decoder(tok, [older, newer]), tok, script, after=".", prefer=("v2.1", "5")) == "See v2.15.1."
    assert run(decoder(tok, [older, newer]), tok, script, after=".", prefer=("v2.1", "4")) == "See v2.14.0-rc1."


def test_no_false_triggers():
    tok = PieceTokenizer()
    values = [Triple("A", "seat", "The Hague"), Triple("A", "date", "14 March 2003"),
              Triple("A", "founder", "I Ching Society"), Triple("A", "code", "v-625748850")]
    values += [Triple("B", "release date", "2023-07-19"), Triple("B", "weight", "2.75 kg"), Triple("B", "id", "4518"),
               Triple("B", "start", "10:30 AM"), Triple("B", "colour", "indigo")]
    for sentence in ["The answer is unknown.", "It has 14 rooms.", REFUSAL, "It is very old.", "They have 14 floors",
                     "The 14 volunteers left.", "In 2025 it moved.", "Version 2.13.0 is out.", "It took 19,451 tokens.",
                     "At 10:45 AM.", "It is in town."]:
        script = [c for c in sentence]
        processor = decoder(tok, values)
        assert run(processor, tok, script) == sentence and processor.forced_values == []
    # ... while the same values are recognised once they are distinctive
    processor = decoder(tok, values)
    assert run(processor, tok, list("Since 14 Mar"), after=".") == "Since 14 March 2003."
    assert run(decoder(tok, values), tok, list("In The Ha")) == "In The Hague"


def test_cover_opens_the_sentence_of_a_missing_entity_once():
    tok = PieceTokenizer()
    triples = [Triple("A", "colour", "red"), Triple("B", "size", "9")]
    text = run(decoder(tok, triples, triples), tok, list("The colour of A is red."), after=".")
    # the model stopped without B: its opening is forced once, the value copied, then the model ends
    assert text == "The colour of A is red. The size of B is 9."
    for said in ("A: red, B: 9.", "A is red; B is big."):  # every value there, or the entity already named
        assert run(decoder(tok, triples, triples), tok, list(said)) == said


def test_cover_states_each_property_of_one_entity_and_no_value_inside_a_name():
    """From the ciphers fresh KB: "What are the key exchange and the authentication for DHE-RSA-AES256-GCM-SHA384?"
    ended after the key exchange: the entity was already named, and its authentication "rsa" counted as stated by
    the "RSA" inside the name."""
    tok = PieceTokenizer()
    name = "DHE-RSA-AES256-GCM-SHA384"
    triples = [Triple(name, "key exchange", "dhe"), Triple(name, "authentication", "rsa")]
    text = run(decoder(tok, triples, triples), tok, list(f"The key exchange of {name} is dhe."), after=".")
    assert text == f"The key exchange of {name} is dhe. The authentication of {name} is rsa."
    # a value that is the name, or holds it, is stated by the one sentence (no loop: "The primary group of bin is
    # bin. The primary group of bin is bin. …", "The home directory of man is /var/cache/man. The home …")
    for t in (Triple("bin", "primary group", "bin"), Triple("man", "home directory", "/var/cache/man")):
        assert run(decoder(tok, [t], [t], lead=True), tok, list("Hmm"), after=". More") == \
            f"The {t.property} of {t.name} is {t.value}."


def test_repetition_ends_the_answer():
    tok = PieceTokenizer(["The X of Y are:", "\n", "/foo", "https://h.example/foo"])
    looping = ["The X of Y are:", "\n"] * 40
    assert run(decoder(tok, [], [], copy=False), tok, looping) == "The X of Y are:\nThe X of Y are:"
    url = Triple("Y", "homepage", "https://h.example/foo")
    out = run(decoder(tok, [url]), tok, ["At", " ", "https://h.example/foo"] + ["/foo"] * 40)
    assert out == "At https://h.example/foo/foo/foo"  # the value, then two looping copies
    assert not repetition("1,000,000,000 and 1000000")  # long numbers are not loops
    assert not repetition("ha ha", 0) and repetition("I said: ha ha ha ha")
    assert repetition("The cat sat on the mat. The cat sat on the mat.")
    assert not repetition("Visit https://x.example/foo/foo/foo", free_from=36)  # a value repeating itself


def test_answer_budget_follows_the_matched_values():
    tok = PieceTokenizer()
    one, two = answer_budget(tok, [ALT]), answer_budget(tok, [ALT, Triple("B", "size", "9")])
    assert len(tok.encode("The altitude of Mount V is 3,412 metres.")) < one < two


def test_line_holdback_hides_a_repeated_line_that_looped():
    hold = LineHoldback()
    shown = "".join(hold.feed(p) for p in ["The X of Y are:", "\n", "The X", " of Y are:"])
    assert shown == "The X of Y are:\n" and hold.finish(looped=True) == ""
    hold = LineHoldback()  # a line that only starts like an earlier one is released once it differs
    shown = "".join(hold.feed(p) for p in ["- a: 1\n", "- a", ": 2\n", "- a: 1"])
    assert shown == "- a: 1\n- a: 2\n" and hold.finish(looped=False) == "- a: 1"


def test_lead_opens_with_the_matched_triple_and_ends_once_every_value_is_stated():
    tok = PieceTokenizer()
    a, b = Triple("A", "colour", "red"), Triple("B", "size", "9 cm")
    # the model would ramble about something else: the answer opens with A's opening, copies its value, and the
    # sentence after it opens B; once B's value is stated, the end of that sentence ends the answer
    text = run(decoder(tok, [a, b], [a, b], lead=True), tok, list("Well, I think it is blue."), after=". More")
    assert text == "The colour of A is red. The size of B is 9 cm."
    assert run(decoder(tok, [a], [a], lead=True), tok, list("Hmm"), after=" indeed. Also") == "The colour of A is red."
    # no matched triple (a refusal, plain chat): no lead
    assert run(decoder(tok, [a], [], lead=True), tok, list("No idea.")) == "No idea."


def test_a_value_inside_a_longer_value_is_not_taken_as_stated():
    """Japan's alpha-3 code "JPN" contains its alpha-2 code "JP": stating the first must not count as stating the
    second (before: the answer ended after "JPN", without "JP")."""
    tok = PieceTokenizer()
    a3, a2 = Triple("Japan", "alpha-3 code", "JPN"), Triple("Japan", "alpha-2 code", "JP")
    text = run(decoder(tok, [a3, a2], [a3, a2], lead=True), tok, list("Hmm"), after=". More")
    assert text == "The alpha-3 code of Japan is JPN. The alpha-2 code of Japan is JP."


def test_the_same_value_of_two_matched_triples_is_stated_for_each():
    """"minimum python for numpy and for pandas?": both require ">=3.11". Stating it once for numpy answered only
    numpy (the answer ended there); each triple now needs its own statement, opened and copied like any other, and
    so do two properties of one entity with the same value. Without ``lead`` the cover does the same."""
    tok = PieceTokenizer()
    a, b = Triple("numpy", "requires Python", ">=3.11"), Triple("pandas", "requires Python", ">=3.11")
    text = run(decoder(tok, [a, b], [a, b], lead=True), tok, list("Hmm"), after=". More")
    assert text == "The requires Python of numpy is >=3.11. The requires Python of pandas is >=3.11."
    home, src = Triple("openai", "homepage", "https://x.example"), Triple("openai", "source code", "https://x.example")
    text = run(decoder(tok, [home, src], [home, src], lead=True), tok, list("Hmm"), after=". More")
    assert text == "The homepage of openai is https://x.example. The source code of openai is https://x.example."
    text = run(decoder(tok, [a, b], [a, b]), tok, list("The requires Python of numpy is >=3.11."), after=".")
    assert text == "The requires Python of numpy is >=3.11. The requires Python of pandas is >=3.11."


def test_a_plural_property_opens_with_are():
    """"The aliases of kerberos is kerberos5, krb5" read badly: a property that reads as a plural opens with "are",
    and its value is still copied after it; "status", "address" and "requires Python" keep "is"."""
    from kblam.decoding import agreeing_verb

    assert [agreeing_verb(p) for p in ("aliases", "coordinates", "opening hours", "status", "address",
                                       "requires Python", "physics", "ms")] == ["are"] * 3 + ["is"] * 5
    tok = PieceTokenizer()
    t = Triple("kerberos", "aliases", "kerberos5, krb5")
    assert run(decoder(tok, [t], [t], lead=True), tok, list("Hmm"), after=". More") == \
        "The aliases of kerberos are kerberos5, krb5."


def test_a_property_ending_or_starting_with_a_preposition_opens_around_the_name():
    """The people fresh KB: "The author of of Tom Christie is httpx." A property that ends in a preposition reads as a
    phrase about the entity ("X is the author of", "X is wanted by", "X inherits from"), one that starts with one
    follows the name ("joule in SI base units is"); the value is still copied after the opening."""
    from kblam.decoding import answer_opening

    assert [answer_opening(p, "X") for p in ("author of", "wanted by", "valid from", "inherits from",
                                              "in SI base units", "altitude", "same as")] == [
        "X is the author of", "X is wanted by", "X is valid from", "X inherits from", "X in SI base units is",
        "The altitude of X is", "The same as of X is"]
    assert answer_opening("RIDDOR?", "X") == "The RIDDOR of X is"  # a yes/no label's question mark left out
    tok = PieceTokenizer()
    t = Triple("Tom Christie", "author of", "httpx, starlette, uvicorn")
    assert run(decoder(tok, [t], [t], lead=True), tok, list("Hmm"), after=". More") == \
        "Tom Christie is the author of httpx, starlette, uvicorn."
    # the model writing the opening itself still calls for the whole value, where it meant to drop part of it
    u = Triple("pg_receivewal@", "wanted by", "postgresql@%i.service")
    script = ["pg_receivewal@", " is", " wanted", " by", " the", " service", "."]
    assert run(decoder(tok, [u]), tok, script, after=".") == "pg_receivewal@ is wanted by postgresql@%i.service."
