"""Does a question read as English (the language of the KBs and prompts here)?

Used only to explain a refusal ("the question does not look like English"), never to refuse by itself: a
question in another language that still matches the KB clearly is answered. The test is deliberately small and
deterministic: mostly non-Latin letters, or more function words of another common language than of English.
Entity names are part of the question, so a few English words do not outvote a French sentence around them.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+")
ENGLISH = frozenset("""the of and is are was were what which who whom whose where when why how does do did a an
to in on at for by with from about tell give me my its it this that there their they has have had be can could
please show list name many much""".split())
# frequent function words of French, German, Spanish, Italian, Portuguese and Dutch that are not English words
OTHER = frozenset("""le la les des du une est et qui que quel quelle quels quelles où comment combien pourquoi
dans pour sur avec sont c'est qu'est der die das ist und wer wie wo wann warum welche welcher welches was ein eine
einen dem den im mit von zu für auf el los las del es y qué cuál cuáles quién dónde cuándo cómo por para con una
unos son il lo gli della di che chi cosa dove quando perché qual sono è o os da do das dos em um uma quem onde
porque het een wat welk welke hoe waar wanneer waarom zijn van voor met niet ook""".split())


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def looks_english(text: str) -> bool:
    """False when ``text`` is mostly non-Latin script, or has more non-English than English function words."""
    if _latin_share(text) < 0.5:
        return False
    words = [w.casefold() for w in _WORD.findall(text)]
    english = sum(w in ENGLISH for w in words)
    other = sum(w in OTHER and w not in ENGLISH for w in words)
    return not (other >= 2 and other > english)
