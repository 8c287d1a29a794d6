"""Project images and image QA: validation of hostile files, images taken from PDF and DOCX files, questions and
answers through a scripted vision model (image parts checked), the built-in model's refusal, resume after
SIGKILL, the LLaMA-Factory multimodal ShareGPT export loaded with ``datasets``, and an end-to-end run of
``python -m datagen images`` through the real ``openai`` client against a local server that decodes the image."""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from fakes import ScriptedLLM
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from openai_server import ServerThread, completion

from datagen import cli, image_qa, service
from datagen import images as media
from datagen.errors import DatagenError, IngestError
from datagen.generate import GenerationSettings
from datagen.llm import ChatResult, LocalChatClient

ROOT = Path(__file__).resolve().parents[2]
COLOURS = {"red": (220, 30, 30), "green": (30, 200, 60), "blue": (30, 60, 220)}


def picture(colour: str, fmt: str = "PNG", size: tuple[int, int] = (64, 48)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, COLOURS[colour]).save(out, fmt)
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A 1x1 PNG whose header claims ``width`` x ``height`` (a decompression bomb's header)."""
    data = bytearray(picture("red", size=(1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _colour_of(messages: list[dict]) -> str:
    """Decode the image part of the last user message and name its colour (what a vision model would see)."""
    from PIL import Image

    parts = messages[-1]["content"]
    assert isinstance(parts, list) and parts[0]["type"] == "text"
    url = next(p["image_url"]["url"] for p in parts if p["type"] == "image_url")
    assert url.startswith("data:image/")
    pixel = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB").getpixel((0, 0))
    return min(COLOURS, key=lambda c: sum(abs(a - b) for a, b in zip(COLOURS[c], pixel, strict=True)))


def _vision_fake(delay: float = 0.0) -> ScriptedLLM:
    def questions(messages):
        colour = _colour_of(messages)
        return ChatResult(text=json.dumps({"questions": [f"What colour fills the {colour} picture?",
                                                         f"Is the {colour} picture plain?"]}), model="vision")

    def answer(messages):
        return ChatResult(text=f"It is {_colour_of(messages)}.", reasoning="I looked at the pixels.", model="vision")

    return ScriptedLLM(by_purpose={"image_questions": questions, "image_answer": answer}, delay=delay,
                       concurrency=2)


@pytest.fixture
def project(tmp_path):
    store = service.open_workspace(tmp_path / "ws", create=True)
    yield store, service.project(store)
    store.close()


# ------------------------------------------------------------------------------------- validation

@pytest.mark.parametrize("fmt,ext", [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")])
def test_uploads_of_each_format_are_stored_once(project, fmt, ext):
    store, pid = project
    added = media.add_image(store, pid, picture("red", fmt), f"a.{ext}")
    again = media.add_image(store, pid, picture("red", fmt), f"copy.{ext}")
    assert added["created"] and not again["created"] and again["id"] == added["id"]
    row = media.get_image(store, added["id"])
    assert (row["width"], row["height"], row["source"]) == (64, 48, "upload")
    assert (store.root / row["stored_path"]).read_bytes() == picture("red", fmt)
    assert row["stored_path"].startswith("files/images/")


@pytest.mark.parametrize("data,name,match", [
    (_png_claiming(100_000, 100_000), "bomb.png", r"bomb\.png: image has too many pixels.*decompression bomb"),
    (_png_claiming(7000, 7000), "big.png", r"big\.png: image is 7000 x 7000 pixels \(49,000,000\).*decompression"),
    (picture("red")[:60], "cut.png", r"cut\.png: corrupt or truncated"),
    (b"just some text, not an image" * 10, "fake.jpg", r"fake\.jpg: not a readable image"),
    (picture("red", "BMP"), "x.bmp", r"x\.bmp: unsupported image type '\.bmp'"),
    (picture("red", "BMP"), "renamed.png", r"renamed\.png: BMP images are not supported"),
    (b"\x89PNG" + b"0" * (media.MAX_IMAGE_BYTES + 1), "huge.png", r"huge\.png: image is too large"),
])
def test_hostile_images_are_refused_with_a_clear_message(project, data, name, match):
    store, pid = project
    with pytest.raises(IngestError, match=match):
        media.add_image(store, pid, data, name)
    assert media.list_images(store, pid) == [] and not (store.root / "files" / "images").exists()


# ------------------------------------------------------------------------------------- documents

def _pdf_with_images(path: Path) -> None:
    from PIL import Image

    pages = [Image.new("RGB", (80, 60), COLOURS[c]) for c in ("red", "green")]
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])


def _docx_with_images(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("A report with a picture.")
    document.add_picture(io.BytesIO(picture("blue", size=(90, 70))))
    document.add_picture(io.BytesIO(picture("red", size=(8, 8))))  # an icon: too small to ask about
    document.save(path)


def test_images_inside_pdf_and_docx_files_become_project_images(project, tmp_path):
    store, pid = project
    _pdf_with_images(tmp_path / "slides.pdf")
    _docx_with_images(tmp_path / "report.docx")
    (tmp_path / "notes.md").write_text("# Notes\n\nNo pictures here.")
    result = service.add_files(store, pid, [tmp_path / "slides.pdf", tmp_path / "report.docx", tmp_path / "notes.md"])
    assert [e.split(":")[0] for e in result["errors"]] == ["slides.pdf"]  # an image-only PDF has no text
    got = media.add_document_images(store, pid, (tmp_path / "slides.pdf").read_bytes(), "slides.pdf")
    assert [(a["width"], a["height"]) for a in got.added] == [(80, 60), (80, 60)]
    rows = media.list_images(store, pid)
    assert [(r["source"], r["page"]) for r in rows] == [("pdf", 1), ("pdf", 2)]
    extracted = media.extract_project_images(store, pid)  # the project's DOCX file
    rows = media.list_images(store, pid)
    docx_rows = [r for r in rows if r["source"] == "docx"]
    assert len(docx_rows) == 1 and (docx_rows[0]["width"], docx_rows[0]["height"]) == (90, 70)
    assert docx_rows[0]["file"] == "report.docx" and docx_rows[0]["page"] is None
    assert any("too small" in note for note in extracted.skipped)
    assert len(rows) == 3
    assert media.extract_project_images(store, pid).added[0]["created"] is False  # nothing taken twice
    assert len(media.list_images(store, pid)) == 3


def test_a_corrupt_document_is_refused_naming_it(project):
    store, pid = project
    with pytest.raises(IngestError, match=r"broken\.pdf: corrupt or unreadable"):
        media.add_document_images(store, pid, b"%PDF-1.4 garbage", "broken.pdf")
    with pytest.raises(IngestError, match=r"broken\.docx: corrupt or unreadable Word document"):
        media.add_document_images(store, pid, b"PK not really", "broken.docx")


# ------------------------------------------------------------------------------------ generation

def test_image_qa_with_a_vision_model_stores_reviews_and_exports(project, tmp_path):
    store, pid = project
    for colour in ("red", "green", "blue"):
        media.add_image(store, pid, picture(colour), f"{colour}.png")
    llm = _vision_fake()
    reports = image_qa.generate_image_qa(store, pid, llm, GenerationSettings(), per_image=2)
    assert [(r.stage, r.done, r.created, r.failed) for r in reports] == [("image_questions", 3, 6, 0),
                                                                         ("image_answers", 6, 6, 0)]
    pairs = image_qa.list_image_qa(store, pid)
    for pair in pairs:  # each answer names the colour of its own image: the right image went with each call
        assert pair["image"].split(".")[0] in pair["question"] and pair["answer"] == \
            f"It is {pair['image'].split('.')[0]}." and pair["reasoning"] == "I looked at the pixels."
    assert llm.schemas[0] is not None  # questions asked for JSON
    again = image_qa.generate_image_qa(store, pid, llm, GenerationSettings(), per_image=2)
    assert [r.total for r in again] == [0, 0] and len(llm.calls) == 9  # nothing is asked twice

    image_qa.edit_image_qa(store, pairs[0]["id"], answer="Plain red.", rating=5, confirmed=True)
    image_qa.delete_image_qa(store, pairs[1]["id"])
    with pytest.raises(ValueError, match="rating must be 0-5"):
        image_qa.edit_image_qa(store, pairs[0]["id"], rating=9)
    out = tmp_path / "export"
    result = image_qa.export_image_qa(store, pid, out, name="shapes", include_reasoning=True)
    assert (result["records"], result["images"]) == (5, 3)
    _check_llamafactory_multimodal(out, "shapes")
    confirmed = image_qa.export_image_qa(store, pid, tmp_path / "c", only_confirmed=True, system_prompt="Look.")
    records = json.loads(Path(confirmed["path"]).read_text())
    assert len(records) == 1 and records[0]["messages"][0] == {"role": "system", "content": "Look."}
    assert records[0]["messages"][2]["content"] == "Plain red."
    for bad in ("../escape", "a/b", "", ".."):  # the name is a file name in the export folder, never a path
        with pytest.raises(DatagenError, match="plain file name"):
            image_qa.export_image_qa(store, pid, tmp_path / "x", name=bad)
    assert not (tmp_path / "escape.json").exists()


def _check_llamafactory_multimodal(out: Path, name: str) -> None:
    """The export against LLaMA-Factory's documented multimodal ShareGPT shape (data/README.md), and ``datasets``."""
    import datasets

    entry = json.loads((out / "dataset_info.json").read_text())[name]
    assert entry["formatting"] == "sharegpt" and entry["columns"] == {"messages": "messages", "images": "images"}
    tags = entry["tags"]
    records = json.loads((out / entry["file_name"]).read_text())
    for record in records:
        turns = [m for m in record[entry["columns"]["messages"]] if m[tags["role_tag"]] != "system"]
        assert [t[tags["role_tag"]] for t in turns] == [tags["user_tag"], tags["assistant_tag"]]
        text = "".join(t[tags["content_tag"]] for t in turns)
        paths = record[entry["columns"]["images"]]
        assert text.count("<image>") == len(paths) == 1  # one placeholder per image, as LLaMA-Factory checks
        assert all((out / p).is_file() and not Path(p).is_absolute() for p in paths)
    loaded = datasets.load_dataset("json", data_files=str(out / entry["file_name"]), split="train")
    assert loaded.num_rows == len(records) and set(loaded.column_names) == {"messages", "images"}
    assert loaded[0]["images"][0].startswith("images/")


def test_the_built_in_model_refuses_image_qa_clearly(project):
    store, pid = project
    media.add_image(store, pid, picture("red"), "red.png")
    with pytest.raises(image_qa.VisionRequiredError, match=r"image QA needs a vision-capable endpoint \(set a "
                                                           r"base URL\)"):
        image_qa.generate_image_qa(store, pid, LocalChatClient(loader=lambda: None), GenerationSettings())
    assert store.list_tasks(pid) == []  # refused before any stage started


CRASH_SCRIPT = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from test_media import _vision_fake
from datagen import image_qa, service
from datagen.generate import GenerationSettings

store = service.open_workspace(sys.argv[1])
reports = image_qa.generate_image_qa(store, service.project(store), _vision_fake(float(sys.argv[2])),
                                     GenerationSettings(), per_image=2)
print(" ".join(str(r.done) for r in reports))
"""


def test_resume_after_sigkill_loses_and_duplicates_nothing(project, tmp_path):
    store, pid = project
    n = 12
    for i in range(n):
        media.add_image(store, pid, picture(list(COLOURS)[i % 3], size=(40 + i, 40)), f"img{i}.png")
    script = CRASH_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(store.root), "0.05"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while store.conn.execute("SELECT count(*) FROM image_qa WHERE answer IS NOT NULL").fetchone()[0] < 4:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the worker made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {(r["id"], r["key"], r["answer"]) for r in store.query("SELECT id, key, answer FROM image_qa")}
    done = store.done_units(pid, "image_questions")
    assert len(before) == 2 * len(done)  # an image's questions and its mark committed together
    answered = {row for row in before if row[2]}
    assert 4 <= len(answered) < 2 * n

    rerun = subprocess.run([sys.executable, "-c", script, str(store.root), "0"], capture_output=True, text=True,
                           timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    after = {(r["id"], r["key"], r["answer"]) for r in store.query("SELECT id, key, answer FROM image_qa")}
    assert answered <= after  # every saved answer survived unchanged
    assert len(after) == 2 * n and all(row[2] for row in after)
    assert len({row[1] for row in after}) == 2 * n
    assert rerun.stdout.split() == [str(n - len(done)), str(2 * n - len(answered))]


# ------------------------------------------------------------------------------------- end to end

def vision_app():
    """An OpenAI-compatible server that decodes the image parts it receives and answers about their colour."""
    app = FastAPI()
    app.state.requests = []

    @app.get("/v1/models")
    async def models() -> dict:
        return {"object": "list", "data": [{"id": "tiny-vision", "object": "model", "created": 0, "owned_by": "t"}]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        body = await request.json()
        app.state.requests.append(body)
        content = body["messages"][-1]["content"]
        if not isinstance(content, list) or not any(p.get("type") == "image_url" for p in content):
            return JSONResponse({"error": {"message": "this model needs an image"}}, status_code=400)
        colour = _colour_of(body["messages"])
        prompt = content[0]["text"]
        if "Write 2 questions" in prompt:
            reply = json.dumps({"questions": [f"Which colour is shown in this {colour} image?",
                                              "Does the image contain any text?"]})
            return completion(reply, model="tiny-vision")
        return completion(f"The image is plain {colour}.", model="tiny-vision",
                          reasoning=f"Every pixel is {colour}.")

    return app


def test_images_cli_end_to_end_through_the_openai_client(tmp_path, capsys):
    ws = str(tmp_path / "ws")
    assert cli.main(["init", "-w", ws, "-q"]) == 0
    for colour in ("red", "blue"):
        (tmp_path / f"{colour}.jpg").write_bytes(picture(colour, "JPEG"))
    (tmp_path / "bad.png").write_bytes(b"not an image at all")
    capsys.readouterr()
    assert cli.main(["images", "add", str(tmp_path / "red.jpg"), str(tmp_path / "blue.jpg"),
                     str(tmp_path / "bad.png"), "-w", ws, "-q"]) == 1
    out, err = capsys.readouterr()
    assert out.count("added: ") == 2 and "bad.png: not a readable image" in err
    assert cli.main(["images", "qa", "-w", ws, "-q"]) == 1  # no endpoint: the built-in model refuses
    assert "image QA needs a vision-capable endpoint (set a base URL)" in capsys.readouterr().err
    app = vision_app()
    with ServerThread(app) as base_url:
        code = cli.main(["images", "qa", "--per-image", "2", "--base-url", base_url, "-w", ws, "-q"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "image_questions" in out and "image_answers" in out
    assert len(app.state.requests) == 2 + 4
    assert cli.main(["images", "review", "--json", "-w", ws, "-q"]) == 0
    pairs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(pairs) == 4 and all(p["model"] == "tiny-vision" for p in pairs)
    for pair in pairs:
        colour = Path(pair["image"]).stem
        assert pair["answer"] == f"The image is plain {colour}." and pair["reasoning"] == f"Every pixel is {colour}."
    assert cli.main(["images", "review", str(pairs[0]["id"]), "--confirm", "--rate", "4", "-w", ws, "-q"]) == 0
    capsys.readouterr()
    out_dir = tmp_path / "lf"
    assert cli.main(["images", "export", str(out_dir), "--name", "colours", "-w", ws, "-q"]) == 0
    assert capsys.readouterr().out.strip() == str(out_dir / "colours.json")
    _check_llamafactory_multimodal(out_dir, "colours")


def test_a_malformed_reply_is_recorded_and_retried_on_the_next_run(project):
    store, pid = project
    media.add_image(store, pid, picture("blue"), "blue.png")
    bad = ScriptedLLM(by_purpose={"image_questions": ChatResult(text="I see a blue square.", model="vision")})
    report = image_qa.generate_image_questions(store, pid, bad, GenerationSettings(parse_retries=1), per_image=2)
    assert (report.done, report.failed, report.created) == (1, 1, 0) and len(bad.calls) == 2  # bounded retry
    failure = store.list_failures(pid, stage="image_questions")[0]
    assert failure["key"] == "image:1" and failure["raw"] == "I see a blue square."
    good = _vision_fake()
    reports = image_qa.generate_image_qa(store, pid, good, GenerationSettings(), per_image=2)
    assert [r.created for r in reports] == [2, 2]
    assert store.list_failures(pid, stage="image_questions") == []  # resolved by the successful retry
    assert store.done_units(pid, "image_questions") == {"image:1"}


def test_adding_an_image_as_a_document_points_to_the_images_command(project, tmp_path):
    store, pid = project
    (tmp_path / "photo.png").write_bytes(picture("red"))
    errors = service.add_files(store, pid, [tmp_path / "photo.png"])["errors"]
    assert len(errors) == 1 and "unsupported file type '.png'" in errors[0] and "images add" in errors[0]
