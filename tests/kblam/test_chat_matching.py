"""Matching free phrasings and conversations to a KB with the real MiniLM: property paraphrases, possessive,
imperative and terse questions, lower case and typos, near-miss and unknown entities, other languages, and
follow-up turns resolved against the earlier ones."""

from __future__ import annotations

import pytest

from kblam.conversation import facts_of, resolve, stated_property, user_turns
from kblam.encoder import EmbeddingCache, encode_kb, load_encoder
from kblam.entities import NameIndex
from kblam.kb import Triple
from kblam.language import looks_english
from kblam.matching import DEFAULT_THRESHOLD, match_question, name_index

ROWS = {
    "Mauna Kea Observatory": {"altitude": "4,207 metres", "director": "Doug Simons",
                              "homepage": "https://maunakea.example/obs"},
    "Paranal Observatory": {"altitude": "2,635 metres", "director": "Itziar de Gregorio"},
    "Model X9-dri": {"serial prefix": "X9D-", "version": "v4.2.1-rc3", "summary": "A compact drilling robot."},
    "Mara Lindqvist": {"favourite dessert": "cloudberry tart", "e-mail": "mara@veltrano-kin.example"},
}
KB = [Triple(n, p, v) for n, props in ROWS.items() for p, v in props.items()]


@pytest.fixture(scope="module")
def kb(minilm):
    return encode_kb(KB, minilm)


@pytest.fixture(scope="module")
def ask(kb, minilm):
    cache = EmbeddingCache()

    def run(conversation):
        question = resolve(conversation, name_index(kb)[0]).question
        m = match_question(question, kb, minilm, cache)
        chosen = [(KB[x.index].name, KB[x.index].property) for x in m.relevant(DEFAULT_THRESHOLD)]
        return m, chosen
    return run


@pytest.mark.realmodel
@pytest.mark.parametrize("question, name, prop", [
    ("Where can I find Mauna Kea Observatory online?", "Mauna Kea Observatory", "homepage"),  # paraphrase
    ("How high up is Paranal Observatory?", "Paranal Observatory", "altitude"),
    ("What does Model X9-dri do, in one line?", "Model X9-dri", "summary"),
    ("What is Mara Lindqvist's favourite dessert?", "Mara Lindqvist", "favourite dessert"),  # possessive
    ("Tell me the serial prefix of Model X9-dri", "Model X9-dri", "serial prefix"),  # imperative
    ("Model X9-dri version?", "Model X9-dri", "version"),  # terse
    ("what is the altitude of mauna kea observatory", "Mauna Kea Observatory", "altitude"),  # lower case
    ("Who directs Mauna Kea Observatry?", "Mauna Kea Observatory", "director"),  # typo in a long word
])
def test_free_phrasings_match_the_right_triple(ask, question, name, prop):
    m, chosen = ask(question)
    assert chosen[:1] == [(name, prop)], (question, m)


@pytest.mark.realmodel
def test_an_inexact_name_is_answered_with_a_note_saying_which_entity(ask):
    m, chosen = ask("What is the e-mail of Mara Lindqvst?")
    assert chosen == [("Mara Lindqvist", "e-mail")]
    assert m.note() == 'Assuming "Mara Lindqvst" means Mara Lindqvist.'
    assert ask("What is the e-mail of Mara Lindqvist?")[0].note() == ""


@pytest.mark.realmodel
@pytest.mark.parametrize("question, said, closest", [
    ("What is the serial prefix of Model X9-glx?", "Model X9-glx", "Model X9-dri"),  # codes must match exactly
    ("How high up is Mauna Loa Observatory?", "Mauna Loa Observatory", "Mauna Kea Observatory"),
])
def test_a_near_miss_is_refused_naming_the_closest_entities(ask, question, said, closest):
    m, chosen = ask(question)
    assert chosen == [] and m.near_miss is not None and closest in m.near_miss.closest
    assert m.refusal_reason() == f'"{said}" is not in the KB; closest: {", ".join(m.near_miss.closest)}.'


@pytest.mark.realmodel
@pytest.mark.parametrize("question", [
    "What is the population of Paranal Observatory?",  # a known entity's missing property
    "When did Mauna Kea Observatory win an Oscar?",
    "What is the altitude of Hollow Pine Institute?",  # an unknown entity
])
def test_unanswerable_questions_score_below_the_threshold(ask, question):
    m, chosen = ask(question)
    assert m.score < DEFAULT_THRESHOLD and chosen == [], (question, m.score)


@pytest.mark.realmodel
def test_other_language_answered_when_clear_and_the_refusal_says_why_otherwise(ask):
    m, chosen = ask("Quelle est l'altitude de Paranal Observatory ?")
    assert chosen == [("Paranal Observatory", "altitude")]
    m, chosen = ask("Wer hat das Paranal Observatory gebaut und wann wurde es eröffnet?")
    assert chosen == [] and not m.english and "not look like English" in m.refusal_reason()
    assert looks_english("Model X9-dri version?") and not looks_english("Какова высота обсерватории?")


HISTORY = [{"role": "user", "content": "What is the altitude of Mauna Kea Observatory?"},
           {"role": "assistant", "content": "The altitude of Mauna Kea Observatory is 4,207 metres."}]


@pytest.mark.realmodel
@pytest.mark.parametrize("turn, name, prop", [
    ("And who is its director?", "Mauna Kea Observatory", "director"),  # pronoun
    ("and the homepage?", "Mauna Kea Observatory", "homepage"),  # ellipsis: entity carried
    ("What about Paranal Observatory?", "Paranal Observatory", "altitude"),  # property carried
])
def test_follow_ups_are_resolved_against_earlier_turns(ask, turn, name, prop):
    m, chosen = ask(HISTORY + [{"role": "user", "content": turn}])
    assert chosen[:1] == [(name, prop)], (turn, m)


@pytest.mark.realmodel
def test_a_follow_up_about_something_unknown_is_not_answered_about_the_previous_entity(ask):
    m, chosen = ask(HISTORY + [{"role": "user", "content": "What about Zanzibar?"}])
    assert chosen == []


def test_resolution_is_text_only_and_checks_messages():
    index = NameIndex(ROWS)
    assert resolve(HISTORY + [{"role": "user", "content": "When was it built?"}], index).question == \
        "When was Mauna Kea Observatory built?"
    # a turn about another entity resets what "it" refers to
    turns = HISTORY + [{"role": "user", "content": "Who directs Paranal Observatory?"},
                       {"role": "assistant", "content": "Itziar de Gregorio."},
                       {"role": "user", "content": "and its altitude?"}]
    assert resolve(turns, index).question == "and Paranal Observatory's altitude?"
    with pytest.raises(ValueError, match="message 1: unknown role 'bot'"):
        user_turns([{"role": "user", "content": "hi"}, {"role": "bot", "content": "x"}])
    with pytest.raises(ValueError, match="no user message"):
        user_turns([{"role": "system", "content": "x"}])


def test_a_name_with_a_qualifier_it_lacks_is_a_near_miss():
    """'electron mass energy equivalent in MeV' where the KB qualifies only other names with 'in MeV': not the
    unqualified entity, but a near miss naming both candidates."""
    index = NameIndex(["electron mass energy equivalent", "muon mass energy equivalent",
                       "muon mass energy equivalent in MeV", "proton mass"])
    mentions, misses = index.find("What is the unit of electron mass energy equivalent in MeV?")
    assert mentions == [] and misses[0].said == "electron mass energy equivalent in MeV"
    assert misses[0].closest[:2] == ("electron mass energy equivalent", "muon mass energy equivalent in MeV")
    # the qualified name the KB has, and the plain name alone, are still found
    mentions, misses = index.find("What is the unit of muon mass energy equivalent in MeV?")
    assert [m.name for m in mentions] == ["muon mass energy equivalent in mev"] and misses == []
    mentions, _ = index.find("What is the electron mass energy equivalent?")
    assert [m.name for m in mentions] == ["electron mass energy equivalent"]
    # a word after a name that no KB name is qualified with changes nothing
    mentions, _ = index.find("proton mass in total?")
    assert [m.name for m in mentions] == ["proton mass"]


@pytest.mark.realmodel
def test_a_value_that_cannot_answer_the_question_words_is_no_answer(ask, minilm, kb):
    """'Who …?' wants a name, 'Which year …?' a year, 'How many …?' a number: the entity's triples whose values are
    such an answer are chosen among, and when none is the question is refused and the refusal says why."""
    m, chosen = ask("Who runs Paranal Observatory?")  # the director's name: fits
    assert chosen == [("Paranal Observatory", "director")] and not m.unfit
    # the version property fits these words well (1.07 without the rule), but "v4.2.1-rc3" is no year; nor is
    # a director's name
    for question in ("In which year did Model X9-dri reach its current version?",
                     "In what year did Paranal Observatory get its current director?"):
        m, chosen = ask(question)
        assert chosen == [] and m.unfit == "year" and m.refused(DEFAULT_THRESHOLD), question
    assert m.refusal_reason() == "The question asks for a year, and no value the KB holds for it is one."
    # Mara Lindqvist's values are a dessert and an e-mail address: no number to count with
    m, chosen = ask("How many siblings does Mara Lindqvist have?")
    assert chosen == [] and m.unfit == "count"
    # without the question words nothing changes: the serial prefix is still found
    m, chosen = ask("Tell me the serial prefix of Model X9-dri")
    assert chosen == [("Model X9-dri", "serial prefix")] and not m.unfit


def test_a_lower_case_name_after_a_proper_adjective_is_the_name():
    """'the Polish zloty' asks about the KB's "Zloty" (the adjective qualifies it); a capitalised phrase around a
    capitalised KB name is still a longer name that is not in the KB."""
    index = NameIndex(["Zloty", "Yen", "Accepted", "Norwegian Krone"])
    for question, name in (("What number does ISO 4217 give the Polish zloty?", "zloty"),
                           ("Which digits identify the Japanese yen as a currency?", "yen")):
        mentions, misses = index.find(question)
        assert [m.name for m in mentions] == [name] and misses == [], question
    mentions, misses = index.find("What is the code of Payment Accepted Later?")
    assert mentions == [] and misses[0].said == "Payment Accepted Later"
    mentions, misses = index.find("danish krone currency code?")  # another krone: a near miss, as before
    assert mentions == [] and misses[0].closest == ("Norwegian Krone",)


def test_the_adjective_of_a_place_is_not_a_typo_of_its_name():
    """"the Mongolian tugrik" asks about the tugrik, not about Mongolia ("Mongolian" was read as a one-letter typo
    of "Mongolia", so the question named two entities); with no currency of that name in the KB, "Russian ruble" is
    a near miss of Russia, not Russia's value. A real typo of a place is still read as the place."""
    index = NameIndex(["Mongolia", "Tugrik", "Russia"])
    mentions, misses = index.find("What is the numeric code of the Mongolian tugrik?")
    assert [m.name for m in mentions] == ["tugrik"] and misses == []
    mentions, misses = index.find("What is the numeric code of the Russian ruble?")
    assert mentions == [] and misses[0].closest == ("Russia",)
    mentions, _ = index.find("What is the alpha-2 code of Mongolai?")
    assert [(m.name, m.exact) for m in mentions] == [("mongolia", False)]


def test_a_short_name_with_two_letters_swapped_is_a_typo_and_one_with_a_letter_more_is_not():
    """Four-letter service names: "ldpa" is ldap typed fast (assumed, with a note); "smtps" is another service
    that the KB does not hold (a near miss), and so is "ldapx"."""
    index = NameIndex(["ldap", "smtp", "ntp"])
    mentions, misses = index.find("whats the port for ldpa")
    assert [(m.name, m.exact) for m in mentions] == [("ldap", False)] and misses == []
    for question, said in (("smtps port?", "smtps"), ("which port does ldapx use?", "ldapx")):
        mentions, misses = index.find(question)
        assert mentions == [] and misses and misses[0].said == said, question
    mentions, _ = index.find("ntp port?")  # three letters: exact only ("npt" could be anything)
    assert [m.name for m in mentions] == ["ntp"]
    assert index.find("npt port?")[0] == []


def test_a_name_written_with_underscores_instead_of_hyphens_or_spaces_is_the_name():
    """Python writes "huggingface_hub" where the package index says "huggingface-hub"; time zones write
    "San_Juan". Either way round, the name is assumed (with a note), not refused as naming nothing."""
    index = NameIndex(["huggingface-hub", "America/Argentina/San_Juan", "sentence-transformers"])
    for question, name in (("Which license is huggingface_hub under?", "huggingface hub"),
                           ("What version is sentence_transformers?", "sentence transformers"),
                           ("What is the UTC offset of America/Argentina/San Juan?", "america argentina san_juan")):
        mentions, misses = index.find(question)
        assert [(m.name, m.exact) for m in mentions] == [(name, False)] and misses == [], question


def test_same_for_two_entities_and_a_follow_up_after_a_near_miss():
    """"Same for starlette and uvicorn." asks the previous question of both (before: of starlette only); after a
    question about a name that is not in the KB but close to one ("smtps"), "what about smtp?" asks the same of
    the KB's entity instead of naming it alone."""
    index = NameIndex(["fastapi", "starlette", "uvicorn", "smtp"])

    def last(*turns):
        return resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                       index).question

    assert last("What's the license of fastapi?", "MIT.", "Same for starlette and uvicorn.") == \
        "What's the license of starlette and uvicorn?"
    assert last("What's the license of fastapi?", "MIT.", "and for uvicorn?") == "What's the license of uvicorn?"
    assert last("smtps port?", "Not in the KB; closest: smtp.", "ok, what about smtp?") == "smtp port?"


def test_a_word_inside_a_web_address_is_no_typo_of_a_name():
    """"https" in a URL is one letter from the package "httpx": inside an address it is neither taken for that
    name nor a near miss of it (a name inside one is part of a longer word, as before)."""
    index = NameIndex(["httpx", "pyyaml"])
    mentions, misses = index.find("Which package's homepage is https://example.org/?")
    assert mentions == [] and misses == []
    mentions, _ = index.find("Is https://pyyaml.org/ the homepage of pyyaml?")
    assert [(m.name, m.said) for m in mentions] == [("pyyaml", "pyyaml")] and mentions[0].start > 30
    mentions, _ = index.find("what does htpx do?")  # outside an address a typo is still a typo
    assert [(m.name, m.exact) for m in mentions] == [("httpx", False)]


def test_a_whole_english_word_is_no_typo_of_a_name():
    """"dark photon mass" was read as a one-letter typo of the KB's "proton mass" and answered with its value;
    "photon" is a word of its own, so it is a near miss that names the closest entity. Misspellings that are no
    words are still read as typos."""
    from kblam.entities import english_words

    assert {"photon", "proton", "observatory"} <= english_words() and "observatry" not in english_words()
    index = NameIndex(["proton mass", "Mauna Kea Observatory"])
    mentions, misses = index.find("What is the standard uncertainty of dark photon mass?")
    assert mentions == [] and misses[0].closest == ("proton mass",)
    mentions, _ = index.find("Who directs Mauna Kea Observatry?")
    assert [(m.name, m.exact) for m in mentions] == [("mauna kea observatory", False)]


def test_a_name_with_a_parenthesised_qualifier_is_found_without_it():
    """ISO 639-3 calls a language "Swahili (macrolanguage)" and "Old English (ca. 450-1100)"; people write "swahili"
    and "Old English" (before: "swahili in" was refused as a near miss). The bare name is assumed, with a note, only
    when no other KB name shares it; written with another qualifier it is a near miss, not the KB's entity."""
    index = NameIndex(["Swahili (macrolanguage)", "Old English (ca. 450-1100)", "Mercury (planet)",
                       "Mercury (element)", "Sackur-Tetrode constant (1 K, 100 kPa)"])
    for question, name in (("what's the scope of swahili in the iso standard", "swahili macrolanguage"),
                           ("How is Old English classified by language type?", "old english ca 450 1100")):
        mentions, misses = index.find(question)
        assert [(m.name, m.exact) for m in mentions] == [(name, False)] and misses == [], question
    mentions, misses = index.find("What is the value of Sackur-Tetrode constant (1 K, 101.325 kPa)?")
    assert mentions == [] and misses[0].said == "Sackur-Tetrode constant (1 K, 101.325 kPa)"
    mentions, _ = index.find("What is the value of Sackur-Tetrode constant (1 K, 100 kPa)?")
    assert [(m.name, m.exact) for m in mentions] == [("sackur tetrode constant 1 k 100 kpa", True)]
    assert index.find("How heavy is Mercury?")[0] == []  # two KB names share the bare name


def test_a_name_qualified_in_parentheses_is_found_with_the_qualifier_written_before_or_after_it():
    """From the scripts fresh KB: ISO 15924 names "Han (Simplified variant)" and "Han (Traditional variant)"; people
    write "simplified han", "Han Traditional" and, after one of them, "the traditional one" (before: refused as naming
    no KB entity). The qualifier's first word before or after the bare name means the qualified name, assumed; the
    bare name shared by both is still no name."""
    index = NameIndex(["Han (Simplified variant)", "Han (Traditional variant)", "Hebrew"])
    for question, name in (("numeric code of simplified han?", "han simplified variant"),
                           ("What is the four-letter code of Han Traditional?", "han traditional variant"),
                           ("and the traditional one?", "han traditional variant")):
        mentions, misses = index.find(question)
        assert [(m.name, m.exact) for m in mentions] == [(name, False)] and misses == [], question
    assert index.find("numeric code of han?")[0] == []
    assert resolve([{"role": "user", "content": "numeric code of simplified han?"},
                    {"role": "assistant", "content": "501"},
                    {"role": "user", "content": "and the traditional one?"}], index).question == \
        "numeric code of Han (Traditional variant)?"


def test_the_end_of_a_contraction_is_no_word_of_a_name_and_underscored_names_take_typos():
    """From the ethertypes and rpc fresh KBs (an unseen check): with "S-TAG" in the KB, the "s" of "What's IPX?",
    "What's PBB's standard?" and "What's its hex value?" was read as the first word of a longer name ("s IPX" not in
    the KB; closest: IPX) and the question refused; "selction_svc" was not read as "selection_svc" (a name with an
    underscore took no typo)."""
    index = NameIndex(["IPX", "PBB", "S-TAG", "selection_svc", "s390x", "bytes_"])
    for question, name in (("what's IPX?", "ipx"), ("What's PBB's standard?", "pbb"), ("What's S-TAG?", "s tag"),
                           ("what's s390x's word size", "s390x")):
        mentions, misses = index.find(question)
        assert [(m.name, m.exact) for m in mentions] == [(name, True)] and misses == [], question
    assert index.find("What's its hex value?") == ([], [])
    mentions, _ = index.find("What alternative names does selction_svc have?")
    assert [(m.name, m.exact) for m in mentions] == [("selection_svc", False)]
    assert index.find("What is selction_sv?")[0] == [] and index.find("bytes type?")[0] == []


def test_a_short_name_with_a_letter_more_or_less_is_another_name():
    """IGRP is not EIGRP: for a name of under six letters a letter more or less makes another acronym (before, "IGRP"
    was assumed to mean eigrp and answered); two letters swapped is still a typo, and so is a doubled letter written
    once ("htpx") or a letter missing from a longer name."""
    index = NameIndex(["eigrp", "Cornish"])
    mentions, misses = index.find("What is the protocol number of IGRP?")
    assert mentions == [] and misses and misses[0].closest == ("eigrp",)
    assert [(m.name, m.exact) for m in index.find("eigpr protocol number")[0]] == [("eigrp", False)]
    assert [(m.name, m.exact) for m in index.find("cornsh two letter iso code?")[0]] == [("cornish", False)]
    assert [m.name for m in NameIndex(["httpx"]).find("what does htpx do?")[0]] == ["httpx"]


def test_names_are_found_without_their_accents_and_by_their_shorter_forms():
    """ISO 3166-2 writes "Île-de-France", "São Paulo", "Karnātaka", "Małopolskie"; people type them without accents
    (before, each was refused as a near miss). A name with another form in brackets ("Catalunya [Cataluña]") is
    found by either, an inverted one ("Edinburgh, City of") by its first part, unless two KB names share it."""
    index = NameIndex(["Île-de-France", "São Paulo", "Karnātaka", "Małopolskie", "Catalunya [Cataluña]",
                       "Barcelona [Barcelona]", "Edinburgh, City of", "Korea, Republic of",
                       "Korea, Democratic People's Republic of"])
    for question, name in (("Give me the subdivision code of Ile-de-France.", "ile de france"),
                           ("Sao Paulo's ISO code, please", "sao paulo"),
                           ("Which country is Karnataka in?", "karnataka"),
                           ("what's the iso 3166-2 identifier of malopolskie?", "malopolskie"),
                           ("Is Catalunya a province, a region, or what?", "catalunya cataluna"),
                           ("And Cataluña?", "catalunya cataluna"),
                           ("Which country is Barcelona in?", "barcelona barcelona"),
                           ("Code for Edinburgh in ISO 3166-2?", "edinburgh city of")):
        mentions, misses = index.find(question)
        assert [m.name for m in mentions] == [name] and misses == [], question
    assert index.find("What is the capital of Korea?")[0] == []


def test_a_name_holding_a_number_may_have_a_typo_in_its_letters_but_not_in_its_number():
    """"iprute2" is iproute2 mistyped (it was refused: tokens with a digit had to match exactly); "python2" is not
    python3 and "x8-dri" is not X9-dri."""
    index = NameIndex(["iproute2", "python3", "Model X9-dri"])
    assert [(m.name, m.exact) for m in index.find("who did the newest iprute2 upload?")[0]] == [("iproute2", False)]
    assert index.find("python2 version?")[0] == [] and index.find("model x8-dri version?")[0] == []


def test_camel_case_names_differing_in_a_whole_word_and_names_with_a_word_before_them():
    """"UnicodeEncodeError" is not a typo of UnicodeDecodeError ("Encode" is a word of its own; it was assumed and
    answered with the neighbour's value), but "NotImplemntedError" is NotImplementedError and "BlitzaBsic" is
    BlitzBasic. "dark orchid" and "hot chocolate" are other colours than the KB's "orchid" and "chocolate" (the KB's
    own names begin with "dark" and "hot"); "slate blu" is slate blue with a letter left out."""
    index = NameIndex(["UnicodeDecodeError", "NotImplementedError", "BlitzBasic", "orchid", "chocolate",
                       "dark slate gray", "hot pink", "slate blue"])
    mentions, misses = index.find("Give me the description of UnicodeEncodeError.")
    assert mentions == [] and misses[0].closest == ("UnicodeDecodeError",)
    for question, name in (("What's NotImplemntedError's description?", "notimplementederror"),
                           ("What is the MIME type of BlitzaBsic?", "blitzbasic"),
                           ("What RGB numbers make up slate blu in X11?", "slate blue"),
                           ("What's DarkSlateGray's hex code?", "dark slate gray")):
        assert [m.name for m in index.find(question)[0]] == [name], question
    for question, said in (("What's the hex code for dark orchid?", "dark orchid"),
                           ("hot chocolate rgb?", "hot chocolate")):
        mentions, misses = index.find(question)
        assert mentions == [] and misses[0].said == said, question
    assert [m.name for m in index.find("chocolate rgb?")[0]] == ["chocolate"]
    # a lower-case name that a number parts ("blake2b") is no camel case: "blak2b" is a typo of it, not of "blake2s"
    hashes = NameIndex(["blake2b", "blake2s", "sha3_224"])
    assert [(m.name, m.exact) for m in hashes.find("what does blak2b give for empty input")[0]] == [("blake2b", False)]


def test_an_acronym_in_parentheses_and_a_leading_the_are_names_too():
    index = NameIndex(["European Southern Observatory (ESO)", "The Hague"])
    assert [m.name for m in index.find("Who directs ESO?")[0]] == ["european southern observatory eso"]
    assert [m.name for m in index.find("What is the population of Hague?")[0]] == ["the hague"]


def test_qualified_numbered_and_underscored_names_as_numpy_users_write_them():
    """"np.float16", "numpy.str_", "errno.ENOENT" name the KB's float16, str_ and ENOENT (they were refused as naming
    nothing); "unit64" and "np.flaot16" are typos of uint64 and float16, "bfloat16" is another type; the word "bytes"
    is not NumPy's "bytes_" (before, "how many bytes is it?" was read as a question about bytes_)."""
    index = NameIndex(["float16", "uint64", "str_", "bytes_", "ENOENT"])
    for question, name, exact in (("How many bytes does a np.float16 take up?", "float16", True),
                                  ("What does __array_interface__ report as the typestr for numpy.str_?", "str_", True),
                                  ("errno.ENOENT message?", "enoent", True),
                                  ("What character code does numpy use for unit64?", "uint64", False),
                                  ("what kind is np.flaot16?", "float16", False)):
        assert [(m.name, m.exact) for m in index.find(question)[0]] == [(name, exact)], question
    mentions, misses = index.find("What's the character code for bfloat16?")
    assert mentions == [] and misses[0].closest == ("float16",)
    assert index.find("ok, and how many bytes is it?") == ([], [])
    assert index.find("what does dtype.str give for float16?")[0][0].name == "float16"
    assert len(index.find("what does dtype.str give for float16?")[0]) == 1


def test_an_inverted_name_read_in_order_and_a_typo_of_a_shorter_form():
    """ISO 3166-3 writes "France, Metropolitan"; people write "Metropolitan France" (it was refused as naming
    nothing). "devanagri" is a typo of "Devanagari", the shorter form of "Devanagari (Nagari)" (it was refused)."""
    index = NameIndex(["France, Metropolitan", "Devanagari (Nagari)", "Edinburgh, City of"])
    for question, name in (("On what date was Metropolitan France dropped from the list?", "france metropolitan"),
                           ("devanagri numeric code", "devanagari nagari"),
                           ("City of Edinburgh code?", "edinburgh city of")):
        assert [(m.name, m.exact) for m in index.find(question)[0]] == [(name, False)], question


def test_a_follow_up_naming_the_next_entity_by_its_possessive_or_as_the_leading_words_one():
    """From the certs and ufuncs fresh KBs: "and log10's?" after "summary for log?" was refused (the "s" of the
    possessive counted as a word besides the name), and "Same question for the USERTrust RSA one." was asked of the
    previous certificate (the leading words of a KB name were not found). The leading words of exactly one KB name
    between "the" and "one" mean that name, assumed (the answer says which); words that begin two names do not."""
    index = NameIndex(["log", "log10", "COMODO ECC Certification Authority", "USERTrust RSA Certification Authority",
                       "Amazon Root CA 1", "Amazon Root CA 3"])

    def last(*turns):
        return resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                       index).question

    assert last("summary for log?", "Natural logarithm, element-wise.", "and log10's?") == "summary for log10?"
    assert last("What's the signature hash on COMODO ECC Certification Authority?", "SHA-384.",
                "Same question for the USERTrust RSA one.") == \
        "What's the signature hash on USERTrust RSA Certification Authority?"
    mentions, _ = index.find("Key type of the usertrust one?")
    assert [(m.name, m.said, m.exact) for m in mentions] == [
        ("usertrust rsa certification authority", "usertrust", False)]
    mentions, misses = index.find("and the Amazon Root CA one?")
    assert not mentions and misses and set(misses[0].closest) == {"Amazon Root CA 1", "Amazon Root CA 3"}
    assert index.find("What about the other one?") == ([], [])


def test_a_one_character_name_is_found_as_written_where_a_name_stands():
    """From the distributions fresh KB: scipy.stats has "t" and "f"; "What's t's lower support bound?", "the f
    distribution" and "Tell me the summary of t." were refused (one-character names were never looked for). They are
    found written exactly, as a possessive, between "the" and a noun, at the end after "of"/"for", or quoted, and
    never as what an apostrophe or a hyphen leaves ("don't", "f-string") or a letter elsewhere."""
    index = NameIndex(["t", "f", "norm", "expon"])
    for question, name in (("What's t's lower support bound?", "t"), ("Tell me the summary of t.", "t"),
                           ("the shape parameters for the f distribution?", "f"), ("And for t?", "t"),
                           ("what is `t`?", "t")):
        mentions, _ = index.find(question)
        assert [m.name for m in mentions] == [name], question
    for question in ("don't tell me", "what's an f-string", "a t b", "Is T big?", "What's the norm?"):
        assert not [m for m in index.find(question)[0] if m.name in ("t", "f")], question
    assert resolve([{"role": "user", "content": "Tell me the summary of t."}, {"role": "assistant", "content": "…"},
                    {"role": "user", "content": "And for norm?"}], index).question == "Tell me the summary of norm."


def test_two_letters_swapped_in_a_short_token_of_a_long_code_name_is_a_typo():
    """From the ciphers fresh KB: "ECDHE-RSA-AES128-GMC-SHA256" was refused as a near miss of "…-GCM-…". In a name of
    three or more tokens written exactly, one short token with two neighbouring letters swapped is a typo; a token
    with another letter ("CCM", a different cipher suite) is still a near miss."""
    index = NameIndex(["ECDHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"])
    mentions, _ = index.find("What bulk encryption does ECDHE-RSA-AES128-GMC-SHA256 use?")
    assert [(m.name, m.exact) for m in mentions] == [("ecdhe rsa aes128 gcm sha256", False)]
    mentions, misses = index.find("What about ECDHE-RSA-AES128-CCM-SHA256?")
    assert not mentions and misses[0].closest[0] == "ECDHE-RSA-AES128-GCM-SHA256"
    mentions, misses = index.find("What about ECDHE-RSA-AES128-GMC?")  # too few tokens written exactly
    assert not mentions


def test_names_told_apart_by_case_alone_are_separate_entities():
    """From the modes fresh KB (Pillow's "LA" and "La", "RGBA" and "RGBa"): names that differ only in case were one
    index key, so "What bands make up La?" was answered with LA's bands. They are separate entities, told apart by
    how the question writes them; written in neither form ("rgba"), the first is assumed and the answer says so."""
    index = NameIndex(["LA", "La", "RGBA", "RGBa", "RGB"])
    for question, name, exact in (("What bands make up La?", "La", True), ("What bands make up LA?", "LA", True),
                                  ("RGBa's bands - what are they exactly?", "RGBa", True),
                                  ("bands of rgba?", "RGBA", False), ("What about RGB?", "RGB", True)):
        mentions, _ = index.find(question)
        assert [(index.display[m.name], m.exact) for m in mentions] == [(name, exact)], question
    assert index.key_of("La") != index.key_of("LA") and index.key_of("RGB") == "rgb"
    index = NameIndex(["P", "p", "F"])  # one-letter names told apart by case too
    assert [index.display[m.name] for m in index.find("base type of the P mode")[0]] == ["P"]
    assert [index.display[m.name] for m in index.find("and the p mode?")[0]] == ["p"]


@pytest.mark.realmodel
@pytest.mark.realmodel
def test_a_question_about_one_of_two_names_differing_by_case_gets_its_own_value():
    rows = [Triple("LA", "bands", "L, A"), Triple("La", "bands", "L, a"), Triple("L", "bands", "L")]
    kb = encode_kb(rows, load_encoder())
    match = match_question("What bands make up La?", kb, load_encoder())
    assert [rows[m.index] for m in match.relevant(None)] == [rows[1]]


def test_an_upper_case_one_letter_name_on_its_own_and_i_only_as_the_i_mode():
    """From the modes fresh KB: "F mode's base type?", "for F images", "for mode L?" and "For the I mode" were
    refused. An upper-case one-letter name standing on its own is the name (not an initial, "F. Scott"); "I" and "a"
    only between "the" and a noun, or quoted."""
    index = NameIndex(["1", "L", "P", "I", "F", "RGB"])
    for question, name in (("F mode's base type?", "f"), ("what's the array type string for F images?", "f"),
                           ("nubmer of bands for mode L?", "l"), ("For the I mode, what's the base type?", "i")):
        assert [m.name for m in index.find(question)[0]] == [name], question
    for question in ("I want the bands of RGB", "F. Scott Fitzgerald", "Is this a test?"):
        assert [m.name for m in index.find(question)[0] if len(m.name) == 1] == [], question


def test_a_property_word_is_no_near_miss_of_a_name():
    """Found by the ast fresh KB: "And its base class?" after a question about Starred was read as a near miss of
    "ClassDef" ("class" is close to it as a string) and refused instead of resolved as a follow-up. Words of the KB's
    property names are not names; a misspelt name still is a near miss."""
    rows = [Triple("ClassDef", "base class", "stmt"), Triple("Starred", "base class", "expr"),
            Triple("Starred", "fields", "value, ctx")]
    index = name_index(encode_kb_lite(rows))[0]
    assert index.find("And its base class?") == ([], [])
    # without the KB's property words too, since an English word in lower case is no near miss of a name that is none
    assert NameIndex(["ClassDef", "Starred"]).find("And its base class?") == ([], [])
    conversation = [{"role": "user", "content": "What fields does Starred have?"},
                    {"role": "assistant", "content": "Starred has the fields value, ctx."},
                    {"role": "user", "content": "And its base class?"}]
    assert resolve(conversation, index).question == "And Starred's base class?"
    assert index.find("What is the base class of ClasDef?")[0][0].name == "classdef"  # a typo of the name


def encode_kb_lite(rows):
    """An object with the triples and the derived cache that ``name_index`` reads (no encoder needed)."""
    from types import SimpleNamespace

    return SimpleNamespace(triples=rows, derived={})


def test_names_told_apart_by_their_closing_symbols_are_separate_entities():
    """Found by the lexers fresh KB: "C++" was read as the KB's "C" (the symbols are no word), so "Which file
    extensions are recognised as C++?" got C's file patterns. The symbols that end a name tell it apart, and belong to
    the mention (masked with it)."""
    index = NameIndex(["C", "C++", "C#", "Objective-C"])
    for question, said in (("Which file extensions are recognised as C++?", ["C++"]), ("Same for C++?", ["C++"]),
                           ("what about C?", ["C"]), ("C# aliases?", ["C#"]), ("C++'s homepage", ["C++"]),
                           ("Is C++ older than C?", ["C++", "C"]), ("the Objective-C lexer", ["Objective-C"])):
        mentions = index.find(question)[0]
        assert [index.display[m.name] for m in mentions] == said, question
        assert [m.said for m in mentions] == said, question
    conversation = [{"role": "user", "content": "What MIME types does the C lexer use?"},
                    {"role": "assistant", "content": "text/x-chdr, text/x-csrc"},
                    {"role": "user", "content": "Same for C++?"}]
    assert "C++" in resolve(conversation, index).question


def test_a_neighbouring_key_in_a_short_word_or_a_digit_for_a_look_alike_letter_is_a_typo():
    """Found by the opcodes and locales fresh KBs: "LOAD_ATRR" (r struck for its neighbour t) and "nb_N0" (a zero for
    the letter O) were refused as near misses of LOAD_ATTR and nb_NO. In a name of words joined by underscores where
    another word is exact, a short word with one letter struck for its neighbour on the keyboard is a typo; so is a
    0 written for an O or a 1 for an l. Another letter, or another word, is still another name."""
    index = NameIndex(["LOAD_ATTR", "LOAD_FAST", "nb_NO", "UnicodeDecodeError"])
    for question, name in (("Give me LOAD_ATRR's specialized forms, please.", "LOAD_ATTR"),
                           ("what language is nb_N0 exactly?", "nb_NO"), ("load_fadt opcode?", "LOAD_FAST")):
        mentions, _ = index.find(question)
        assert [(index.display[m.name], m.exact) for m in mentions] == [(name, False)], question
    for question in ("What about LOAD_LAST?", "LOAD_ATOM opcode?", "nb_NN language?", "UnicodeEncodeError base?"):
        mentions, misses = index.find(question)
        assert not mentions and misses, question


def test_a_name_is_found_without_the_kind_noun_most_names_end_with():
    """Found by the graphs fresh KB: "Is the Florentine families network bipartite or not?" was refused as a near
    miss of the "Florentine families graph". A word that ends most of the KB's names says what kind of thing they
    are; each name is found without it, but not as part of another name of that kind ("Tutte–Coxeter graph",
    "Tutte 12-cage graph"), and not where few names share the last word."""
    names = ["Petersen graph", "Tutte graph", "Florentine families graph", "house graph", "Krackhardt kite"]
    index = NameIndex(names)
    for question, name in (("Is the Florentine families network bipartite or not?", "Florentine families graph"),
                           ("girth of Petersen?", "Petersen graph"), ("Is the Petersen graph planar?", "Petersen graph")):
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == [name], question
    for question in ("What's the diameter of the Tutte–Coxeter graph?", "the tutte 12-cage graph diameter",
                     "Tutte coxeter graph girth?"):
        mentions, misses = index.find(question)
        assert not mentions and misses and misses[0].closest == ("Tutte graph",), question
    few = NameIndex(["Planck constant", "Planck mass", "electron mass", "Boltzmann constant", "speed of light",
                     "Avogadro constant", "fine-structure constant", "elementary charge"])
    assert not few.find("What is the uncertainty on the Planck cheese constant?")[0]


def test_a_camel_case_word_more_or_a_short_capitalised_suffix_makes_another_name():
    """Found by the offsets and formats fresh KBs: "BQuarterBegin" (not in the KB, beside its "BQuarterEnd") was
    answered as a typo of "QuarterBegin", and "JPEG XL" as the KB's JPEG. Both are other names, refused naming the
    closest; a typo inside a camel-case word and the plain names are still found."""
    index = NameIndex(["QuarterBegin", "BQuarterEnd", "QuarterEnd", "NotImplementedError", "JPEG", "PNG", "GIF"])
    for question, said in (("What's the frequency alias for BQuarterBegin?", "BQuarterBegin"),
                           ("Can Pillow write JPEG XL files?", "JPEG XL")):
        mentions, misses = index.find(question)
        assert not mentions and misses[0].said == said, question
    for question, name in (("NotImplemntedError base?", "NotImplementedError"), ("quarterbegin alias", "QuarterBegin"),
                           ("Can Pillow write JPEG files?", "JPEG"), ("PNG MIME type?", "PNG")):
        mentions, _ = index.find(question)
        assert [index.display[m.name] for m in mentions] == [name], question
    assert [index.display[m.name] for m in index.find("Is PNG or GIF better?")[0]] == ["PNG", "GIF"]


def test_an_upper_case_name_written_otherwise_as_a_property_word_is_that_word():
    """Found by the tokens fresh KB: "What is the token number of EXCLAMATION?" was answered with the token number
    of NUMBER, and "Number assigned to ERRORTOKEN?" was refused (two entities)."""
    index = NameIndex(["NUMBER", "ERRORTOKEN", "STRING", "Number Nine"], vocabulary=["token", "number", "operator"])
    assert [m.name for m in index.find("What is the token number of EXCLAMATION?")[0]] == []
    assert [m.name for m in index.find("Number assigned to ERRORTOKEN?")[0]] == ["errortoken"]
    assert [m.name for m in index.find("What's the token number of NUMBER?")[0]] == ["number"]
    assert [m.name for m in index.find("what's the operator of string?")[0]] == ["string"]
    assert [m.name for m in index.find("number nine operator?")[0]] == ["number nine"]


def test_a_first_letter_changed_in_a_short_word_names_another_entity():
    """Found by the rcparams fresh KB: "What does ytick.major.pad default to?" was answered as xtick.major.pad, assumed
    a typo. A short word whose first letter differs is another word, unless a neighbouring key was struck."""
    index = NameIndex(["xtick.major.pad", "axes.labelcolor", "animation.frame_format"])
    mentions, misses = index.find("What does ytick.major.pad default to?")
    assert mentions == [] and misses and "xtick.major.pad" in misses[0].closest
    assert [m.name for m in index.find("What does xtick.majr.pad default to?")[0]] == ["xtick major pad"]
    assert [m.name for m in index.find("default of animation.frame_fromat?")[0]] == ["animation frame_format"]
    assert [(m.name, m.exact) for m in index.find("default of axes.labelcolour?")[0]] == [("axes labelcolor", False)]


def test_an_identifier_the_kb_does_not_hold_is_an_unknown_name():
    """Found by the pragmas and gradio fresh KBs: "What's mmap_size in a new in-memory database?" was answered with
    the journal_mode whose value is "memory", "Which module is the AudioSlider component in?" with the KB's
    "Component". A snake_case or camelCase word that is no KB name, property word, value or English word names
    something the KB may not hold: a near miss naming the closest names."""
    index = NameIndex(["journal_mode", "cache_size", "Component", "Button"],
                      vocabulary=["value", "module", "summary"], values=["memory", "formcomponent", "gradio"])
    mentions, misses = index.find("What's mmap_size in a new in-memory database?")
    assert mentions == [] and misses[0].said == "mmap_size" and misses[0].closest
    mentions, misses = index.find("Which module is the AudioSlider component in?")
    assert mentions == [] and misses[0].said == "AudioSlider"
    # the lower-case "component" after a KB name says what that name is (seventeenth session: "the State component")
    assert [m.name for m in index.find("Which module is the Button component in?")[0]] == ["button"]
    assert [m.name for m in index.find("What's the summary of cache_size?")[0]] == ["cache_size"]
    assert index._unknown_identifiers("Which derive from FormComponent?", []) == []  # a value of the KB
    assert index._unknown_identifiers("Which derive from BaseWidget?", []) == ["BaseWidget"]


def test_the_answer_kind_of_a_refusal_takes_its_article():
    """The OOD evaluation's refusal "The question asks for a RFC" read wrongly; "an RFC", "a year"."""
    from kblam.matching import QuestionMatch

    assert QuestionMatch(0.1, (), True, unfit="RFC").refusal_reason().startswith("The question asks for an RFC,")
    assert QuestionMatch(0.1, (), True, unfit="year").refusal_reason().startswith("The question asks for a year,")
    assert QuestionMatch(0.1, (), True, unfit="yes or no").refusal_reason().startswith("The question asks for a yes")


def test_a_turn_naming_only_another_entity_carries_the_property_the_answer_stated():
    """"How strong is X?" is answered "It's 13.0% ABV."; "What about Y?" then asks for Y's abv, the property whose
    value the answer stated, not "How strong is Y?" again. Not when the answer states a value only in part of a longer
    sentence about something else (the unit "J s" beside a rounded value), states several, or the next entity lacks
    the property; the answer's restating of the property and the names does not count against the value."""
    rows = {"Ridgeback Hill Pinot Noir 2020": {"abv": "13.0%", "price": "13.0", "region": "Otago"},
            "Ridgeback Hill Rosé 2023": {"abv": "12.5%", "price": "11.0"},
            "Old Wherry Bitter": {"format": "firkin"},
            "reduced Planck constant": {"value": "1.054571817e-34", "unit": "J s"},
            "Avogadro constant": {"value": "6.02214076e23", "unit": "mol^-1"}}
    kb = [Triple(n, p, v) for n, props in rows.items() for p, v in props.items()]
    index = NameIndex(rows)
    by_key: dict[str, list[int]] = {}  # the name index's grouping of the triples (as matching.name_index keeps it)
    for i, t in enumerate(kb):
        by_key.setdefault(index.key_of(t.name), []).append(i)
    facts = facts_of(kb, by_key)

    def last(*turns):
        return resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                       index, facts).question

    q = "How strong is the Ridgeback Hill Pinot Noir 2020?"
    assert last(q, "It's 13.0% ABV.", "What about the Ridgeback Hill Rosé 2023?") == \
        "What is the abv of Ridgeback Hill Rosé 2023?"
    assert last(q, "The abv of Ridgeback Hill Pinot Noir 2020 is 13.0%.", "and Ridgeback Hill Rosé 2023?") == \
        "What is the abv of Ridgeback Hill Rosé 2023?"
    # several values stated, or none: the previous question is asked again of the new name
    assert last(q, "13.0% ABV, and it costs 13.0 a bottle from Otago.", "What about Ridgeback Hill Rosé 2023?") == \
        "How strong is the Ridgeback Hill Rosé 2023?"
    assert last(q, "Quite strong.", "What about Ridgeback Hill Rosé 2023?") == "How strong is the Ridgeback Hill Rosé 2023?"
    # the next entity lacks the property stated
    assert last(q, "It's 13.0% ABV.", "What about Old Wherry Bitter?") == "How strong is the Old Wherry Bitter?"
    # a value written in part of a longer sentence is not what the sentence says
    assert last("Value of the reduced Planck constant?", "The reduced Planck constant is about 1.0546e-34 J s.",
                "What about the Avogadro constant?") == "Value of the Avogadro constant?"
    # the answer's note about an assumed name and its restating of the names and the property leave the value its say
    assert last(q, "Assuming \"Ridgback Hill Pinot Noir 2020\" means Ridgeback Hill Pinot Noir 2020. The abv of "
                "Ridgeback Hill Pinot Noir 2020 is 13.0%.", "What about Ridgeback Hill Rosé 2023?") == \
        "What is the abv of Ridgeback Hill Rosé 2023?"
    assert stated_property("13.0% ABV, and 13.0 a bottle.", facts(index.key_of("Ridgeback Hill Pinot Noir 2020"))) \
        is None  # two values stated
    # without the KB's facts (a caller that has none), as before
    assert resolve([{"role": "user", "content": q}, {"role": "assistant", "content": "It's 13.0% ABV."},
                    {"role": "user", "content": "What about Ridgeback Hill Rosé 2023?"}], index).question == \
        "How strong is the Ridgeback Hill Rosé 2023?"


def test_a_follow_up_asking_which_ones_names_what_was_counted_and_a_code_alone_names_the_sibling():
    """ "Which ones are they?" after "How many time zones does China have?" asks for the time zones, not the count;
    "what about #219?" after a question about "Wellspring Pharmacy #204" asks it of "Wellspring Pharmacy #219", the
    name with the code of the same shape in place; a code that makes no KB name is not taken for one."""
    index = NameIndex(["Wellspring Pharmacy #204", "Wellspring Pharmacy #219", "China", "Bramblecote IPA-7",
                       "Bramblecote IPA-9", "Ridgeback Hill Rosé 2022", "Ridgeback Hill Rosé 2023"])

    def last(*turns):
        return resolve([{"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)],
                       index).question

    count = "How many time zones does China have?"
    for turn in ("Which ones are they?", "ok, and what are they?", "name them please"):
        assert last(count, "China has 5 time zones.", turn) == "What are the time zones of China?"
    assert last("What is the number of time zones in China?", "5.", "list them") == "What are the time zones of China?"
    # without a count before, the pronoun is replaced as for any follow-up
    assert last("What are the time zones of China?", "Asia/Shanghai, Asia/Urumqi.", "Which ones are they?") == \
        "Which ones are China?"
    hours = "What are the opening hours of Wellspring Pharmacy #204?"
    assert last(hours, "9 to 5.", "what about #219?") == "What are the opening hours of Wellspring Pharmacy #219?"
    assert last("How strong is the Ridgeback Hill Rosé 2022?", "13%.", "and the 2023?") == \
        "How strong is the Ridgeback Hill Rosé 2023?"
    assert last(hours, "9 to 5.", "what about #305?") == "what about #305 of Wellspring Pharmacy #204?"
    assert last("How strong is Bramblecote IPA-7?", "5%.", "what about IPA-8?") == "what about IPA-8?"
