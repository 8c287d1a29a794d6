"""KnowledgeBase: loading every format, validation messages (file, line, field), editing, saving."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from kblam import kb as kb_module
from kblam.errors import KBFormatError
from kblam.kb import DEFAULT_LIMITS, KBLimits, KnowledgeBase, Triple, bundled_examples

SMALL = KBLimits(max_bytes=10_000, max_triples=3, max_field_chars=10)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def load_error(tmp_path: Path, name: str, content: str | bytes, **kwargs) -> KBFormatError:
    path = write(tmp_path, name, content)
    with pytest.raises(KBFormatError) as info:
        KnowledgeBase.from_file(path, **kwargs)
    return info.value


TRICKY = [
    Triple("Zürich", "population", "about 420,000"),
    Triple("Quote Corp", "motto", 'We say "yes"; always'),
    Triple("Poem", "text", "first line\nsecond line"),
    Triple("Tabby", "note", "a\tb   c"),
    Triple("東京", "country", "日本"),
]


# ---- round trips and accepted variants ------------------------------------------------------------------
@pytest.mark.parametrize("ext", ["csv", "tsv", "json", "jsonl"])
def test_save_load_round_trip(tmp_path, ext):
    kb = KnowledgeBase(TRICKY)
    path = kb.save(tmp_path / f"kb.{ext}")
    loaded = KnowledgeBase.from_file(path)
    assert loaded == kb
    assert loaded.triples == tuple(TRICKY)
    assert loaded.fingerprint() == kb.fingerprint()
    assert loaded.source == str(path)
    assert [p.name for p in tmp_path.iterdir()] == [f"kb.{ext}"]  # no temp file left behind
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o640)
    assert kb.save(path).stat().st_mode & 0o777 == 0o640  # overwriting keeps the file's permissions


def test_explicit_format_loaders_ignore_extension(tmp_path):
    kb = KnowledgeBase(TRICKY[:2])
    for fmt, loader in [("csv", KnowledgeBase.from_csv), ("tsv", KnowledgeBase.from_tsv),
                        ("json", KnowledgeBase.from_json), ("jsonl", KnowledgeBase.from_jsonl)]:
        saved = kb.save(tmp_path / f"kb.{fmt}")
        renamed = saved.rename(tmp_path / f"{fmt}.txt")
        assert loader(renamed) == kb


def test_reference_dataset_columns_and_extra_keys_warned(tmp_path, caplog):
    records = [{"name": "Aurora", "description_type": "purpose", "description": "sky watching",
                "Q": "What is the purpose of Aurora?", "A": "sky watching", "key_string": "the purpose of Aurora"}]
    path = write(tmp_path, "synthetic.json", json.dumps(records))
    with caplog.at_level(logging.WARNING, logger="kblam.kb"):
        kb = KnowledgeBase.from_file(path)
    assert kb.triples == (Triple("Aurora", "purpose", "sky watching"),)
    warning = " ".join(r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert "synthetic.json" in warning and "Q, A, key_string" in warning


def test_canonical_columns_win_over_aliases_and_headers_are_normalised(tmp_path):
    csv_text = "\ufeff Name ,PROPERTY, Value ,description,notes\nParis,country,France,ignored,x\n"
    kb = KnowledgeBase.from_file(write(tmp_path, "kb.csv", csv_text))
    assert kb.triples == (Triple("Paris", "country", "France"),)


def test_bom_tolerated_in_every_format(tmp_path):
    bom = b"\xef\xbb\xbf"
    record = {"name": "A", "property": "p", "value": "v"}
    for name, body in [("kb.csv", "name,property,value\nA,p,v\n"), ("kb.tsv", "name\tproperty\tvalue\nA\tp\tv\n"),
                       ("kb.json", json.dumps([record])), ("kb.jsonl", json.dumps(record) + "\n")]:
        assert KnowledgeBase.from_file(write(tmp_path, name, bom + body.encode())).triples == (Triple("A", "p", "v"),)


def test_json_wrappers_and_scalar_conversion(tmp_path):
    items = [{"name": "Unit 7", "property": "floor", "value": 3}, {"name": "Unit 7", "property": "area", "value": 41.5},
             {"name": "Unit 7", "property": "leased", "value": True}]
    expected = (Triple("Unit 7", "floor", "3"), Triple("Unit 7", "area", "41.5"), Triple("Unit 7", "leased", "true"))
    for key in ("triples", "kb"):
        assert KnowledgeBase.from_file(write(tmp_path, "kb.json", json.dumps({key: items}))).triples == expected


def test_whitespace_stripped_internal_kept_and_blank_rows_skipped(tmp_path):
    text = "name,property,value\n\n  New   York , nickname ,  the Big   Apple  \n,,\n"
    kb = KnowledgeBase.from_file(write(tmp_path, "kb.csv", text))
    assert kb.triples == (Triple("New   York", "nickname", "the Big   Apple"),)


def test_value_that_is_a_unicode_space_character_is_kept():
    # a symbol table's "\\quad" draws U+2003 EM SPACE: that is its value, not a blank cell; a name cannot be one
    kb = KnowledgeBase.from_records([{"name": "\\quad", "property": "character", "value": "\u2003"},
                                     {"name": "\\,", "property": "character", "value": " \u2009 "}])
    assert [t.value for t in kb] == ["\u2003", "\u2009"]
    with pytest.raises(KBFormatError, match="field 'name': item 1: is empty"):
        KnowledgeBase.from_records([{"name": "\u2003", "property": "character", "value": "x"}])


def test_a_paragraph_long_value_loads_with_the_default_limits():
    # real metadata: a standard's or a package's description runs past 2,000 characters; one such value must not
    # make the whole KB fail to load
    paragraph = " ".join(["The quick brown fox jumps over the lazy dog."] * 120)  # 5,399 characters
    kb = KnowledgeBase.from_records([{"name": "RFC 9110", "property": "abstract", "value": paragraph}])
    assert kb.triples[0].value == paragraph and len(paragraph) > 5000
    with pytest.raises(KBFormatError, match="the limit is 10000"):
        KnowledgeBase.from_records([{"name": "RFC 9110", "property": "abstract", "value": paragraph * 2}])


def test_duplicates_removed_first_kept_and_logged(tmp_path, caplog):
    text = "name,property,value\nA,p,1\nB,p,2\n A ,p,1\nA,p,1 \nC,p,3\n"
    with caplog.at_level(logging.INFO, logger="kblam.kb"):
        kb = KnowledgeBase.from_file(write(tmp_path, "kb.csv", text))
    assert [t.name for t in kb] == ["A", "B", "C"]
    assert kb.duplicates_removed == 2
    assert any("2 duplicate" in r.getMessage() for r in caplog.records)


def test_bundled_examples_load():
    examples = bundled_examples()
    assert {"solar_system", "company_directory"} <= set(examples)
    solar = KnowledgeBase.from_file(examples["solar_system"])
    directory = KnowledgeBase.from_file(examples["company_directory"])
    assert 30 <= len(solar) <= 60 and 40 <= len(directory) <= 60
    assert solar.duplicates_removed == 0 and directory.duplicates_removed == 0
    assert Triple("Mars", "moons", "Phobos and Deimos") in solar
    for triple in directory:  # values must not be guessable from the name
        assert triple.name.split()[0].lower() not in triple.value.lower()


# ---- bad input: every message names the file, the line and the field ----------------------------------
def test_missing_columns_lists_found_and_expected(tmp_path):
    err = load_error(tmp_path, "people.csv", "name,prop,value\nA,p,v\n")
    assert (err.file.endswith("people.csv"), err.line) == (True, 1)
    assert "missing column(s) property" in str(err) and "'prop'" in str(err) and "name, property, value" in str(err)


def test_semicolon_file_gets_delimiter_hint(tmp_path):
    err = load_error(tmp_path, "eu.csv", "name;property;value\nA;p;v\n")
    assert "other than ','" in str(err)


def test_duplicate_header_column(tmp_path):
    err = load_error(tmp_path, "kb.csv", "name,Name,property,value\n")
    assert err.line == 1 and "'name' appears 2 times" in str(err)


def test_empty_field_reports_physical_line_after_multiline_row(tmp_path):
    text = 'name,property,value\nA,p,"multi\nline"\nB,p,   \n'
    err = load_error(tmp_path, "kb.csv", text)
    assert (err.line, err.field) == (4, "value")
    assert str(err) == f"{tmp_path / 'kb.csv'}, line 4, field 'value': is empty"
    err = load_error(tmp_path, "kb.csv", 'name,property,value\nA,p,"multi\nline"\nB,,"spans\ntwo lines"\n')
    assert (err.line, err.field) == (4, "property")  # where the row starts, not where it ends


def test_too_many_and_too_few_cells(tmp_path):
    err = load_error(tmp_path, "kb.csv", "name,property,value\nA,p,v\nParis,city,Paris, France\n")
    assert err.line == 3 and "4 cells" in str(err) and "quote values" in str(err)
    err = load_error(tmp_path, "kb.csv", "name,property,value\nA,p\n")
    assert (err.line, err.field) == (2, "value") and "2 cells" in str(err)


def test_overlong_field_says_length_and_limit(tmp_path):
    err = load_error(tmp_path, "kb.tsv", "name\tproperty\tvalue\nA\tp\tshort\nB\tp\t" + "x" * 11 + "\n", limits=SMALL)
    assert (err.line, err.field) == (3, "value")
    assert "11 characters long; the limit is 10" in str(err)


def test_bad_encoding_names_byte_offset(tmp_path):
    data = b"name,property,value\nA,city," + "Zürich\n".encode("latin-1")
    err = load_error(tmp_path, "latin.csv", data)
    offset = data.index(b"\xfc")
    assert err.line == 2 and f"byte offset {offset}" in str(err) and "0xfc" in str(err) and "UTF-8" in str(err)
    err = load_error(tmp_path, "latin.csv", b"\xef\xbb\xbf" + data)  # offsets count the BOM
    assert f"byte offset {offset + 3}" in str(err)


def test_malformed_json_gives_line_and_column(tmp_path):
    text = '[\n  {"name": "A", "property": "p", "value": "v"}\n  {"name": "B"}\n]'
    err = load_error(tmp_path, "kb.json", text)
    assert err.line == 3 and "malformed JSON" in str(err) and "column 3" in str(err)


def test_json_item_errors_name_item_and_field(tmp_path):
    good = {"name": "A", "property": "p", "value": "v"}
    err = load_error(tmp_path, "kb.json", json.dumps([good, {**good, "value": ["x", "y"]}]))
    assert err.field == "value" and "item 2" in str(err) and "objects and lists are not allowed" in str(err)
    err = load_error(tmp_path, "kb.json", json.dumps([good, good, {"name": "C", "property": "p"}]))
    assert err.field == "value" and "item 3" in str(err) and "found keys: name, property" in str(err)
    err = load_error(tmp_path, "kb.json", json.dumps([good, "just text"]))
    assert "item 2" in str(err) and "expected an object" in str(err)
    err = load_error(tmp_path, "kb.json", json.dumps([{**good, "name": None}]))
    assert err.field == "name" and "null" in str(err)
    err = load_error(tmp_path, "kb.json", json.dumps({"rows": [good]}))
    assert "'triples' or 'kb'" in str(err) and "rows" in str(err)


def test_jsonl_errors_use_physical_lines(tmp_path):
    good = json.dumps({"name": "A", "property": "p", "value": "v"})
    err = load_error(tmp_path, "kb.jsonl", f"{good}\n\n{{\"name\": \"B\", \"property\": \"p\", \"value\": \" \"}}\n")
    assert (err.line, err.field) == (3, "value")
    err = load_error(tmp_path, "kb.jsonl", f"{good}\n{good[:-1]}\n")
    assert err.line == 2 and "malformed JSON" in str(err)


def test_file_over_max_bytes_refused_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "big.csv", "name,property,value\n" + "A,p,v\n" * 3000)
    data = path.read_bytes()
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("file was opened"))
    with pytest.raises(KBFormatError) as info:
        KnowledgeBase.from_file(path, limits=SMALL)
    assert f"{path.stat().st_size} bytes; the limit is 10000" in str(info.value)
    with pytest.raises(KBFormatError, match="the limit is 10000"):
        KnowledgeBase.from_bytes(data, "big.csv", limits=SMALL)


def test_triple_limit(tmp_path):
    text = "name,property,value\nA,p,1\nB,p,2\nA,p,1\nC,p,3\nD,p,4\n"
    err = load_error(tmp_path, "kb.csv", text, limits=SMALL)
    assert err.line == 6 and "more than 3 triples" in str(err)
    assert len(KnowledgeBase.from_file(write(tmp_path, "ok.csv", text.rsplit("D", 1)[0]), limits=SMALL)) == 3
    assert DEFAULT_LIMITS.max_triples == 200_000


def test_unknown_extension_empty_and_header_only(tmp_path):
    err = load_error(tmp_path, "kb.xlsx", "whatever")
    assert ".xlsx" in str(err) and ".csv" in str(err) and err.file.endswith("kb.xlsx")
    assert "file is empty" in str(load_error(tmp_path, "kb.csv", b"\xef\xbb\xbf  \n"))
    assert "only a header row" in str(load_error(tmp_path, "kb.csv", "name,property,value\n"))
    assert "no triples" in str(load_error(tmp_path, "kb.json", "[]"))
    with pytest.raises(KBFormatError, match="absent.csv: cannot read"):
        KnowledgeBase.from_file(tmp_path / "absent.csv")


def test_from_bytes_names_the_upload(tmp_path):
    with pytest.raises(KBFormatError) as info:
        KnowledgeBase.from_bytes(b"name,property,value\nA,,v\n", "upload.csv")
    assert (info.value.file, info.value.line, info.value.field) == ("upload.csv", 2, "property")


def test_failed_load_leaves_existing_kb_untouched(tmp_path):
    current = KnowledgeBase(TRICKY)
    before = (current.fingerprint(), current.version)
    with pytest.raises(KBFormatError):
        current = KnowledgeBase.from_file(write(tmp_path, "kb.csv", "name,property,value\nA,p,v\nB,p,\n"))
    assert (current.fingerprint(), current.version) == before and len(current) == len(TRICKY)


def test_failed_save_keeps_previous_file(tmp_path, monkeypatch):
    path = KnowledgeBase(TRICKY).save(tmp_path / "kb.json")
    original = path.read_bytes()

    def broken_dump(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(kb_module.json, "dump", broken_dump)
    with pytest.raises(OSError, match="disk full"):
        KnowledgeBase(TRICKY[:1]).save(path)
    assert path.read_bytes() == original and [p.name for p in tmp_path.iterdir()] == ["kb.json"]
    with pytest.raises(KBFormatError, match="unknown file type"):
        KnowledgeBase(TRICKY).save(tmp_path / "kb.parquet")


def test_records_and_constructor_validate(tmp_path):
    with pytest.raises(KBFormatError) as info:
        KnowledgeBase.from_records([{"name": "A", "property": "p", "value": "v"}, {"name": "B", "property": "", "value": "v"}])
    assert info.value.field == "property" and "item 2" in str(info.value) and info.value.file == "<records>"
    with pytest.raises(KBFormatError, match="no triples"):
        KnowledgeBase.from_records([])
    assert len(KnowledgeBase()) == 0 and KnowledgeBase().fingerprint()
    kb = KnowledgeBase([Triple(" A ", "p", "v"), {"name": "A", "description_type": "p", "description": "v"}])
    assert kb.triples == (Triple("A", "p", "v"),) and kb.duplicates_removed == 1


# ---- editing, search, identity -------------------------------------------------------------------------
def test_editing_ops_and_version():
    kb = KnowledgeBase([Triple("A", "p", "1"), Triple("B", "p", "2")])
    fp0 = kb.fingerprint()
    assert kb.add({"name": " C ", "property": "p", "value": "3"}) == 2 and kb.version == 1
    assert kb.add(Triple("A", "p", "1")) == 0 and kb.version == 1  # duplicate: existing index, no change
    assert kb.fingerprint() != fp0
    assert kb.replace(1, Triple("B", "q", "2")) == Triple("B", "p", "2") and kb.version == 2
    assert kb.replace(1, Triple("B", "q", "2")) == Triple("B", "q", "2") and kb.version == 2  # no-op
    with pytest.raises(KBFormatError, match="already exists at index 0"):
        kb.replace(2, Triple("A", "p", "1"))
    assert kb.remove(0) == Triple("A", "p", "1") and kb.version == 3
    assert kb.triples == (Triple("B", "q", "2"), Triple("C", "p", "3"))
    assert kb.remove(Triple("C", "p", "3")) == Triple("C", "p", "3") and kb.version == 4
    assert kb.add(Triple("C", "p", "3")) == 1 and Triple("C", "p", "3") in kb and kb[1].name == "C"
    assert kb.remove(-1).name == "C" and "C" not in [t.name for t in kb]
    with pytest.raises(IndexError):
        kb.remove(5)
    with pytest.raises(KeyError):
        kb.remove(Triple("Z", "p", "0"))
    assert kb == KnowledgeBase([Triple("B", "q", "2")])


def test_edits_are_validated_and_change_nothing_on_error():
    kb = KnowledgeBase([Triple("A", "p", "1")], limits=SMALL)
    with pytest.raises(KBFormatError) as info:
        kb.add({"name": "B", "property": "p", "value": "   "})
    assert info.value.field == "value" and "empty" in str(info.value)
    with pytest.raises(KBFormatError) as info:
        kb.replace(0, Triple("A", "property name too long", "1"))
    assert info.value.field == "property" and "the limit is 10" in str(info.value)
    kb.add(Triple("B", "p", "2"))
    kb.add(Triple("C", "p", "3"))
    with pytest.raises(KBFormatError, match="full"):
        kb.add(Triple("D", "p", "4"))
    assert [t.name for t in kb] == ["A", "B", "C"] and kb.version == 2


def test_search_names_properties_records():
    kb = KnowledgeBase([Triple("Ada Lovelace", "field", "Mathematics"), Triple("Alan Turing", "field", "logic"),
                        Triple("Ada Lovelace", "born", "1815")])
    assert kb.search("ADA") == [0, 2] and kb.search("math") == [0] and kb.search("FIELD") == [0, 1]
    assert kb.search("nothing") == [] and kb.search("  ") == [0, 1, 2]
    assert kb.names() == ["Ada Lovelace", "Alan Turing"] and kb.properties() == ["field", "born"]
    assert kb.to_records()[1] == {"name": "Alan Turing", "property": "field", "value": "logic"}


def test_fingerprint_depends_on_content_and_order():
    a, b = Triple("A", "p", "1"), Triple("B", "p", "2")
    assert KnowledgeBase([a, b]).fingerprint() == KnowledgeBase([a, b]).fingerprint()
    assert KnowledgeBase([a, b]).fingerprint() != KnowledgeBase([b, a]).fingerprint()
    assert KnowledgeBase([a, b]) != KnowledgeBase([b, a])
    kb = KnowledgeBase([a])
    kb.triples  # noqa: B018 - snapshot must refresh after edits
    kb.add(b)
    assert kb.triples == (a, b)
