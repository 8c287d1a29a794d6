"""``python -m datagen chunks …`` and ``python -m datagen images …``: chunk editing and image QA from the shell.

``chunks list [--file ID]`` · ``chunks show ID`` · ``chunks edit ID (--text T | --text-file F)`` ·
``chunks merge ID ID …`` (neighbours in one file) · ``chunks split ID (--at N | --marker TEXT)`` ·
``chunks delete ID``.

``images add FILES…`` (png/jpg/webp/gif, or pdf/docx to take their images) · ``images extract`` (the images of
the project's PDF and DOCX files) · ``images list`` · ``images qa`` (questions, then answers, through a
vision-capable endpoint; resumable) · ``images review [ID] [--question/--answer/--rate/--confirm/--delete]`` ·
``images export OUT_DIR`` (LLaMA-Factory multimodal ShareGPT with the image files and ``dataset_info.json``).

Wired into :mod:`datagen.cli` by :func:`add_parsers` and :data:`COMMANDS`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from datagen import chunk_edit, image_qa, service
from datagen import cli_common as common
from datagen import images as media
from datagen.errors import DatagenError, IngestError
from datagen.ingest import read_file_bytes


def add_parsers(add) -> None:
    """Add the ``chunks`` and ``images`` subcommands with ``add(name, help, llm=, gen=)`` of the main parser."""
    p = add("chunks", "list, show, edit, merge, split or delete chunks before generation")
    p.add_argument("action", choices=("list", "show", "edit", "merge", "split", "delete"))
    p.add_argument("ids", nargs="*", type=int, help="chunk id(s); merge takes two or more neighbours")
    p.add_argument("--file", type=int, help="list: only this file's chunks")
    p.add_argument("--text", help="edit: the new text")
    p.add_argument("--text-file", help="edit: read the new text from this file")
    p.add_argument("--at", type=int, help="split: character position where the second part starts")
    p.add_argument("--marker", help="split: cut before the first occurrence of this text")
    p.add_argument("--json", action="store_true", help="JSON lines instead of text")
    p = add("images", "project images and image-grounded QA (needs a vision-capable endpoint)", llm=True, gen=True)
    p.add_argument("action", choices=("add", "extract", "list", "qa", "review", "export"))
    p.add_argument("args", nargs="*", help="add: image/PDF/DOCX files; review: a QA id; export: the output folder")
    p.add_argument("--per-image", type=int, default=image_qa.DEFAULT_QUESTIONS_PER_IMAGE,
                   help="qa: questions per image")
    p.add_argument("--question", help="review: new question")
    p.add_argument("--answer", help="review: new answer")
    p.add_argument("--rate", type=int, help="review: rating 0-5")
    p.add_argument("--confirm", action="store_true", help="review: confirm the pair")
    p.add_argument("--delete", action="store_true", help="review: delete the pair")
    p.add_argument("--name", default="image_qa", help="export: dataset name (file <name>.json)")
    p.add_argument("--only-confirmed", action="store_true", help="export: only confirmed pairs")
    p.add_argument("--system-prompt", help="export: system prompt for every record")
    p.add_argument("--include-reasoning", action="store_true", help="export: reasoning in <think>…</think>")
    p.add_argument("--json", action="store_true", help="JSON lines instead of text")


def _chunk_line(chunk: dict) -> str:
    text = " ".join(chunk["text"].split())
    head = " / ".join(chunk["heading_path"]) if isinstance(chunk.get("heading_path"), list) else ""
    return f"[{chunk['id']}] file {chunk.get('file_id')} · {len(chunk['text'])} chars{' · ' + head if head else ''}" \
           f"{' · edited' if chunk.get('edited') else ''}\n    {text[:160]}"


def _one_id(args, what: str) -> int:
    if len(args.ids) != 1:
        raise ValueError(f"chunks {what} needs exactly one chunk id, got {len(args.ids)}")
    return args.ids[0]


def cmd_chunks(args, bars) -> int:

    store, pid = common.open_project(args)
    if args.action == "list":
        for chunk in service.list_chunks(store, pid, file_id=args.file):
            common.out(json.dumps(chunk, ensure_ascii=False) if args.json else _chunk_line(chunk))
        return 0
    if args.action == "merge":
        new_id = chunk_edit.merge_neighbours(store, args.ids)
        common.out(f"merged chunks {', '.join(map(str, args.ids))} into chunk {new_id}")
        return 0
    chunk_id = _one_id(args, args.action)
    if service.get_chunk(store, chunk_id)["project_id"] != pid:
        raise DatagenError(f"chunk {chunk_id} is not in project '{service.project_name(store, pid)}'")
    if args.action == "edit":
        if (args.text is None) == (args.text_file is None):
            raise ValueError("chunks edit needs exactly one of --text or --text-file")
        text = args.text if args.text is not None else Path(args.text_file).read_text(encoding="utf-8")
        service.edit_chunk(store, chunk_id, text)
    elif args.action == "split":
        first, second = chunk_edit.split_chunk(store, chunk_id, at=args.at, marker=args.marker)
        common.out(f"split chunk {first} into chunks {first} and {second}")
        return 0
    elif args.action == "delete":
        lost = service.delete_chunk(store, chunk_id)
        common.out(f"deleted chunk {chunk_id} ({lost} questions with it)")
        return 0
    chunk = service.get_chunk(store, chunk_id)
    common.out(json.dumps(chunk, ensure_ascii=False) if args.json else chunk["text"])
    return 0


def _add_images(store, pid, paths: list[str]) -> int:

    errors = 0
    for name in paths:
        path = Path(name)
        try:
            data = read_file_bytes(path)
            if path.suffix.lower() in media.DOCUMENT_EXTENSIONS:
                got = media.add_document_images(store, pid, data, path.name)
                common.out(f"{path.name}: {sum(a['created'] for a in got.added)} new images "
                     f"({len(got.added)} found)")
                for note in got.skipped:
                    print(f"skipped: {note}", file=sys.stderr)
            else:
                added = media.add_image(store, pid, data, path.name)
                common.out(f"{'added' if added['created'] else 'already present'}: {path.name} (image {added['id']}, "
                     f"{added['width']} x {added['height']})")
        except IngestError as exc:
            print(f"error: {exc}", file=sys.stderr)
            errors += 1
    return 1 if errors else 0


def _review(store, pid, args) -> int:

    if not args.args:
        for pair in image_qa.list_image_qa(store, pid):
            common.out(json.dumps(pair, ensure_ascii=False) if args.json else
                 f"[{pair['id']}] image {pair['image_id']} ({pair['image']}){' ✓' if pair['confirmed'] else ''}\n"
                 f"    Q: {pair['question']}\n    A: {pair['answer'] or '(no answer yet)'}")
        return 0
    qa_id = int(args.args[0])
    if args.delete:
        image_qa.delete_image_qa(store, qa_id)
        common.out(f"deleted image QA {qa_id}")
        return 0
    image_qa.edit_image_qa(store, qa_id, question=args.question, answer=args.answer, rating=args.rate,
                           confirmed=True if args.confirm else None)
    pair = next(p for p in image_qa.list_image_qa(store, pid) if p["id"] == qa_id)
    common.out(json.dumps(pair, ensure_ascii=False))
    return 0


def cmd_images(args, bars) -> int:

    store, pid = common.open_project(args)
    if args.action == "add":
        if not args.args:
            raise ValueError("images add needs image, PDF or DOCX files")
        return _add_images(store, pid, args.args)
    if args.action == "extract":
        got = media.extract_project_images(store, pid)
        common.out(f"{sum(a['created'] for a in got.added)} new images from the project's PDF/DOCX files")
        for note in got.skipped:
            print(f"skipped: {note}", file=sys.stderr)
        return 0
    if args.action == "list":
        for image in media.list_images(store, pid):
            common.out(json.dumps(image, ensure_ascii=False) if args.json else
                 f"[{image['id']}] {image['name']} · {image['width']} x {image['height']} · {image['source']}"
                 f"{' p.' + str(image['page']) if image['page'] else ''} · {image['questions']} questions, "
                 f"{image['answers']} answers")
        return 0
    if args.action == "qa":
        llm = service.make_llm(common.llm_settings(args))
        reports = image_qa.generate_image_qa(store, pid, llm, common.gen_settings(args), per_image=args.per_image,
                                             progress=bars.stage("images"))
        for report in reports:
            common.stage_summary(report, store, pid)
        return common.failed_exit(sum(r.failed for r in reports))
    if args.action == "review":
        return _review(store, pid, args)
    if len(args.args) != 1:
        raise ValueError("images export needs one output folder")
    result = image_qa.export_image_qa(store, pid, args.args[0], name=args.name, only_confirmed=args.only_confirmed,
                                      system_prompt=args.system_prompt, include_reasoning=args.include_reasoning)
    common.out(result["path"])
    print(f"exported {result['records']} image QA records with {result['images']} images; LLaMA-Factory entry "
          f"'{args.name}' in {result['dataset_info']}", file=sys.stderr)
    return 0


COMMANDS = {"chunks": cmd_chunks, "images": cmd_images}
