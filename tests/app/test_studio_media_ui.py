"""The studio's chunk editor and images tab through their HTTP API: ``demo()`` on 127.0.0.1 driven by
``gradio_client``, with the default model factory (so no endpoint means the built-in model, which image QA must
refuse) and, for image QA, the real ``openai`` client against a local server that decodes the images it gets."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from gradio_client import handle_file
from openai_server import ServerThread
from studio_launch import running_studio, studio_client, table_rows
from test_media import _check_llamafactory_multimodal, picture, vision_app

DOC = """# Rivers

The Loire is the longest river in France.

## Bridges

Many old bridges cross the Loire.

## Wine

Vineyards line the valley.
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_studio({"workspace": tmp_path_factory.mktemp("media-ws")}) as url:
        yield url


_client, _rows = studio_client, table_rows


def test_chunk_editor_previews_a_file_and_edits_splits_and_merges(app, tmp_path):
    client = _client(app, "editor")
    (tmp_path / "rivers.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "tools.py").write_text("import os\n\n\ndef a():\n    return 'a' * 20  # one\n\n\n"
                                       "def b():\n    return 'b' * 20  # two\n")
    client.predict([handle_file(str(tmp_path / "rivers.md")), handle_file(str(tmp_path / "tools.py"))],
                   api_name="/studio_add_files")
    client.predict("markdown", 20, 60, 1000, 100, 256, 32, "", False, False, 20, api_name="/studio_split")
    choices = client.predict(api_name="/studio_editor_files")["choices"]
    labels = [c[0] for c in choices]
    assert [label.split(" · ")[1] for label in labels] == ["rivers.md", "tools.py"]
    py_id = choices[1][1]
    table, info = client.predict(py_id, api_name="/studio_editor_show")
    assert [r["text"] for r in _rows(table)] == ["import os def a(): return 'a' * 20 # one",
                                                 "def b(): return 'b' * 20 # two"]  # whole functions
    assert info.startswith("2 chunks")
    md_id = choices[0][1]
    rows = _rows(client.predict(md_id, api_name="/studio_editor_show")[0])
    assert [r["text"].split()[1] for r in rows] == ["Rivers", "Bridges", "Wine"]
    first = rows[0]["id"]
    assert client.predict(first, api_name="/studio_editor_open").startswith("# Rivers")

    table, _, msg = client.predict(md_id, first, "The Loire", 0, api_name="/studio_editor_split")
    split_rows = _rows(table)
    assert [r["text"] for r in split_rows[:2]] == ["# Rivers", "The Loire is the longest river in France."]
    assert f"Chunk {first} split" in msg
    with pytest.raises(Exception, match="not neighbours"):
        client.predict(md_id, f"{split_rows[0]['id']}, {split_rows[2]['id']}", api_name="/studio_editor_merge")
    table, _, msg = client.predict(md_id, f"{split_rows[2]['id']}, {split_rows[3]['id']}",
                                   api_name="/studio_editor_merge")
    assert len(table["data"]) == 3 and "merged into chunk" in msg
    assert _rows(table)[2]["text"].startswith("## Bridges Many old bridges") and "## Wine" in _rows(table)[2]["text"]
    table, _, msg = client.predict(md_id, first, "# Rivers of France", api_name="/studio_editor_save")
    assert _rows(table)[0]["text"] == "# Rivers of France" and f"Chunk {first} saved" in msg
    with pytest.raises(Exception, match="outside the chunk"):
        client.predict(md_id, first, "", 9999, api_name="/studio_editor_split")
    other = _client(app, "other")  # another project's session cannot touch these chunks
    with pytest.raises(Exception, match="not in"):
        other.predict(md_id, first, "x", api_name="/studio_editor_save")


def test_images_tab_refuses_the_built_in_model_then_generates_reviews_and_exports(app, tmp_path):
    client = _client(app, "images")
    for colour in ("red", "green"):
        (tmp_path / f"{colour}.png").write_bytes(picture(colour))
    (tmp_path / "evil.gif").write_bytes(b"GIF89a" + b"\xff" * 40)
    images, gallery, msg = client.predict([handle_file(str(tmp_path / n)) for n in ("red.png", "green.png",
                                                                                    "evil.gif")],
                                          api_name="/studio_images_add")
    assert [r["name"] for r in _rows(images)] == ["red.png", "green.png"] and len(gallery) == 2
    assert "evil.gif" in msg and "red.png added" in msg
    with pytest.raises(Exception, match=r"image QA needs a vision-capable endpoint \(set a base URL\)"):
        client.predict("en", 2, api_name="/studio_images_generate")
    server = vision_app()
    with ServerThread(server) as base_url:
        client.predict(base_url, "", "", 0.7, 256, 2, api_name="/studio_save_endpoint")
        report, pairs, images, _ = client.predict("en", 2, api_name="/studio_images_generate")
    rows = _rows(pairs)
    assert len(rows) == 4 and len(server.state.requests) == 6
    assert all(Path(r["image"]).stem in r["answer"] for r in rows)  # each answer is about its own image
    assert "| image\\_questions | 2/2 | 4 | 0 |" in report and "| image\\_answers | 4/4 | 4 | 0 |" in report
    path, question, answer, confirmed = client.predict(rows[0]["id"], api_name="/studio_images_open")
    assert answer == f"The image is plain {Path(rows[0]['image']).stem}." and confirmed is False
    pairs, msg = client.predict(rows[0]["id"], question, "Plain red, edge to edge.", True,
                                api_name="/studio_images_save")
    assert _rows(pairs)[0]["answer"] == "Plain red, edge to edge." and _rows(pairs)[0]["confirmed"]
    pairs, _ = client.predict(rows[1]["id"], api_name="/studio_images_delete")
    assert len(pairs["data"]) == 3
    files, msg = client.predict("colours", True, api_name="/studio_images_export")
    assert "1 image QA records" in msg
    archive = next(f for f in files if f.endswith(".zip"))
    out = tmp_path / "unzipped"
    zipfile.ZipFile(archive).extractall(out)
    _check_llamafactory_multimodal(out, "colours")
    assert json.loads((out / "colours.json").read_text())[0]["messages"][1]["content"] == "Plain red, edge to edge."
