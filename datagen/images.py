"""Project images: uploaded pictures and the images inside PDF and DOCX files, validated, stored, listed.

An image is accepted when Pillow reads it as PNG, JPEG, WebP or GIF within :data:`MAX_IMAGE_BYTES` and
:data:`MAX_IMAGE_PIXELS` (checked from the header before any pixel is decoded, so a decompression bomb is
refused without being inflated), and decodes completely (a truncated or corrupt file is refused). Every
refusal is an :class:`~datagen.errors.IngestError` naming the file and what is wrong.

Images are stored once per content under the workspace's ``files/images/`` folder (``<sha256 prefix>.<ext>``)
and recorded in the ``images`` table per project, deduplicated by SHA-256, with where they came from: an
upload, or a PDF page (pypdf's image extraction) or a DOCX file (its ``word/media/`` parts), with the project
file they belong to when that document was added to the project. Images in other formats inside documents
(JPEG 2000, TIFF, CMYK JPEG …) are converted to PNG; images smaller than :data:`MIN_EXTRACTED_SIDE` pixels on
a side (icons, rules, bullets) are skipped, and so is anything past :data:`MAX_IMAGES_PER_DOCUMENT`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from datagen.errors import IngestError, StoreError
from datagen.ingest_limits import DEFAULT_TIME_BUDGET, check_time, check_zip, deadline, human_size
from datagen.store import Store
from datagen.store_items import timestamp

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
DOCUMENT_EXTENSIONS = (".pdf", ".docx")
MIME = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
SUFFIX = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 x 5000
MIN_EXTRACTED_SIDE = 32
MAX_IMAGES_PER_DOCUMENT = 500
SEND_MAX_SIDE = 1536  # images sent to a model are scaled down to this longest side
IMAGES_DIR = "images"


@dataclass
class CheckedImage:
    """Validated image bytes (possibly converted to PNG) and what Pillow found."""

    data: bytes
    format: str
    width: int
    height: int

    @property
    def mime(self) -> str:
        return MIME[self.format]


@dataclass
class Extraction:
    """What taking the images out of documents gave: stored images and why others were skipped."""

    added: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def check_image(data: bytes, name: str, *, convert: bool = False) -> CheckedImage:
    """Validate ``data`` as an image (see the module docstring); ``convert`` turns other readable formats into
    PNG (for images found inside documents) instead of refusing them."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise IngestError(f"{name}: image is too large ({human_size(len(data))}); the limit is "
                          f"{human_size(MAX_IMAGE_BYTES)}")
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            fmt, (width, height) = image.format, image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise IngestError(f"{name}: image is {width} x {height} pixels ({width * height:,}); the limit is "
                                  f"{MAX_IMAGE_PIXELS:,} pixels (is it a decompression bomb?)")
            if fmt not in MIME and not convert:
                raise IngestError(f"{name}: {fmt or 'unknown'} images are not supported; use PNG, JPEG, WebP "
                                  "or GIF")
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
            if fmt not in MIME or (fmt == "JPEG" and image.mode == "CMYK" and convert):
                out = io.BytesIO()
                image.convert("RGBA" if "A" in image.mode else "RGB").save(out, "PNG")
                data, fmt = out.getvalue(), "PNG"
    except IngestError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own guard, before the header is even returned
        raise IngestError(f"{name}: image has too many pixels ({exc}); the limit is {MAX_IMAGE_PIXELS:,} pixels "
                          "(is it a decompression bomb?)") from exc
    except UnidentifiedImageError as exc:
        raise IngestError(f"{name}: not a readable image ({exc})") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:  # truncated, corrupt, bad header
        raise IngestError(f"{name}: corrupt or truncated image ({type(exc).__name__}: {exc})") from exc
    if width <= 0 or height <= 0:
        raise IngestError(f"{name}: image has no pixels ({width} x {height})")
    return CheckedImage(data=data, format=fmt, width=width, height=height)


def store_image(store: Store, project_id: int, image: CheckedImage, name: str, *, source: str = "upload",
                file_id: int | None = None, page: int | None = None) -> dict:
    """Save a checked image (once per content) and record it in the project; returns
    ``{id, name, created, width, height}`` (created False when the project already had this content)."""
    sha = hashlib.sha256(image.data).hexdigest()
    relative = f"files/{IMAGES_DIR}/{sha[:24]}.{SUFFIX[image.format]}"
    store.write_blob(relative, image.data)
    with store.transaction() as conn:
        row = conn.execute("SELECT id FROM images WHERE project_id = ? AND sha256 = ?", (project_id, sha)).fetchone()
        if row is None:
            image_id = conn.execute(
                "INSERT INTO images (project_id, file_id, name, stored_path, sha256, mime, width, height, size,"
                " source, page, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (project_id, file_id, name, relative, sha, image.mime, image.width, image.height, len(image.data),
                 source, page, timestamp())).lastrowid
    created = row is None
    return {"id": image_id if created else row["id"], "name": name, "created": created, "width": image.width,
            "height": image.height}


def add_image(store: Store, project_id: int, data: bytes, filename: str) -> dict:
    """Validate and store one uploaded image file (png/jpg/jpeg/webp/gif)."""
    name = Path(filename).name
    ext = Path(name).suffix.lower()
    if ext not in IMAGE_EXTENSIONS:
        raise IngestError(f"{name}: unsupported image type {ext or '(no extension)'!r}; supported: "
                          f"{', '.join(sorted(IMAGE_EXTENSIONS))}")
    return store_image(store, project_id, check_image(data, name), name)


# ---------------------------------------------------------------------------------------- documents

def _pdf_images(data: bytes, name: str):
    """(page number, image name, bytes) of every image pypdf finds in a PDF, page by page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise IngestError(f"{name}: the PDF is encrypted with a password; decrypt it first")
    for number, page in enumerate(reader.pages, start=1):
        check_time()
        try:
            found = list(page.images)
        except Exception as exc:  # noqa: BLE001 - a broken page must not lose the other pages' images
            yield number, f"page {number}", exc
            continue
        for image in found:
            check_time()
            yield number, f"page {number} {image.name}", image.data


def _docx_images(data: bytes, name: str):
    """(None, part name, bytes) of every ``word/media/`` part of a DOCX file."""
    check_zip(data, name, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            check_time()
            if member.filename.startswith("word/media/") and not member.is_dir():
                if member.file_size > MAX_IMAGE_BYTES:
                    yield None, member.filename, IngestError(f"inflates to {human_size(member.file_size)}")
                    continue
                yield None, member.filename, archive.read(member)


def document_images(data: bytes, filename: str, *, time_budget: float = DEFAULT_TIME_BUDGET):
    """The images of a PDF or DOCX file as (CheckedImage, name, page) plus skip notes, bounded in count and time."""
    name = Path(filename).name
    ext = Path(name).suffix.lower()
    if ext not in DOCUMENT_EXTENSIONS:
        raise IngestError(f"{name}: images can be taken from {', '.join(DOCUMENT_EXTENSIONS)} files, not {ext!r}")
    found, skipped = [], []
    reader = _pdf_images if ext == ".pdf" else _docx_images
    try:
        with deadline(name, time_budget):
            for page, part, payload in reader(data, name):
                where = f"{name} {part}"
                if isinstance(payload, BaseException):
                    skipped.append(f"{where}: unreadable ({payload})")
                    continue
                if len(found) >= MAX_IMAGES_PER_DOCUMENT:
                    skipped.append(f"{name}: more than {MAX_IMAGES_PER_DOCUMENT} images; the rest are skipped")
                    break
                try:
                    image = check_image(payload, where, convert=True)
                except IngestError as exc:
                    skipped.append(str(exc))
                    continue
                if min(image.width, image.height) < MIN_EXTRACTED_SIDE:
                    skipped.append(f"{where}: {image.width} x {image.height} pixels, too small to ask about")
                    continue
                found.append((image, f"{Path(name).stem} {part}", page))
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 - parser libraries raise anything on corrupt input; name the file
        raise IngestError(f"{name}: corrupt or unreadable document ({type(exc).__name__}: {str(exc)[:300]})") from exc
    return found, skipped


def add_document_images(store: Store, project_id: int, data: bytes, filename: str, *,
                        file_id: int | None = None) -> Extraction:
    """Take the images out of one PDF/DOCX file's bytes into the project."""
    found, skipped = document_images(data, filename)
    source = Path(filename).suffix.lower().lstrip(".")
    result = Extraction(skipped=skipped)
    for image, name, page in found:
        result.added.append(store_image(store, project_id, image, name, source=source, file_id=file_id,
                                        page=page))
    return result


def extract_project_images(store: Store, project_id: int) -> Extraction:
    """Take the images out of every PDF and DOCX file of the project (already taken ones are not duplicated)."""
    total = Extraction()
    for info in store.list_files(project_id):
        if info["kind"] not in ("pdf", "docx"):
            continue
        path = store.root / info["stored_path"]
        try:
            got = add_document_images(store, project_id, path.read_bytes(), info["name"], file_id=info["id"])
        except (IngestError, OSError) as exc:
            total.skipped.append(str(exc))
            continue
        total.added += got.added
        total.skipped += got.skipped
    return total


# ----------------------------------------------------------------------------------------- listing

def list_images(store: Store, project_id: int) -> list[dict]:
    """The project's images with their QA counts, oldest first."""
    rows = store.query(
        "SELECT i.*, f.name AS file, (SELECT count(*) FROM image_qa q WHERE q.image_id = i.id) AS questions,"
        " (SELECT count(*) FROM image_qa q WHERE q.image_id = i.id AND q.answer IS NOT NULL) AS answers"
        " FROM images i LEFT JOIN files f ON f.id = i.file_id WHERE i.project_id = ? ORDER BY i.id", (project_id,))
    return [dict(r) for r in rows]


def get_image(store: Store, image_id: int) -> dict:
    row = store.conn.execute("SELECT * FROM images WHERE id = ?", (image_id,)).fetchone()
    if row is None:
        raise StoreError(f"no image with id {image_id}")
    return dict(row)


def delete_image(store: Store, image_id: int) -> None:
    """Forget an image in its project (its QA pairs go with it; the stored file stays for other projects)."""
    with store.transaction() as conn:
        if conn.execute("DELETE FROM images WHERE id = ?", (image_id,)).rowcount == 0:
            raise StoreError(f"no image with id {image_id}")


def data_url(store: Store, image: dict) -> str:
    """The image as a ``data:`` URL for a vision model, scaled down to :data:`SEND_MAX_SIDE` when larger."""
    from PIL import Image

    data, mime = (store.root / image["stored_path"]).read_bytes(), image["mime"]
    if max(image["width"], image["height"]) > SEND_MAX_SIDE:
        with Image.open(io.BytesIO(data)) as im:
            im.thumbnail((SEND_MAX_SIDE, SEND_MAX_SIDE))
            out = io.BytesIO()
            im.convert("RGB").save(out, "JPEG", quality=90)
            data, mime = out.getvalue(), "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
