"""Uploaded media: a size limit, and a type read from the file's first bytes, not its name.

What the player can show is accepted (video, audio, images, PDF, plain text); SVG and HTML are
refused, since a browser would run what they carry. Files go through Django's storage, so an
S3-compatible storage in production needs only a setting.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext as _

# (offset, magic bytes, extra check at offset 8 or None, MIME type)
_SIGNATURES = [
    (0, b"%PDF-", None, "application/pdf"),
    (0, b"\x89PNG\r\n\x1a\n", None, "image/png"),
    (0, b"\xff\xd8\xff", None, "image/jpeg"),
    (0, b"GIF87a", None, "image/gif"),
    (0, b"GIF89a", None, "image/gif"),
    (0, b"RIFF", b"WEBP", "image/webp"),
    (0, b"RIFF", b"WAVE", "audio/wav"),
    (4, b"ftyp", None, "video/mp4"),
    (0, b"\x1a\x45\xdf\xa3", None, "video/webm"),
    (0, b"OggS", None, "audio/ogg"),
    (0, b"fLaC", None, "audio/flac"),
    (0, b"ID3", None, "audio/mpeg"),
    (0, b"\xff\xfb", None, "audio/mpeg"),
    (0, b"\xff\xf3", None, "audio/mpeg"),
]


# The extension a stored file gets from its content: a PNG named "x.html" is stored as
# "x.png", so the storage never serves it as a page or a script.
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "audio/wav": "wav",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "audio/ogg": "ogg",
    "audio/flac": "flac",
    "audio/mpeg": "mp3",
    "text/plain": "txt",
}


@dataclass(frozen=True)
class MediaCheck:
    media_type: str
    size: int

    def safe_name(self, name: str) -> str:
        stem = slugify((name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0])[:80] or "media"
        return f"{stem}.{EXTENSIONS[self.media_type]}"


def sniff(head: bytes) -> str | None:
    for offset, magic, extra, media_type in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic and (extra is None or head[8:12] == extra):
            return media_type
    if head and _is_plain_text(head):
        return "text/plain"
    return None


def _is_plain_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # The first bytes may cut a character in two.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    lowered = text.lstrip().lower()
    if lowered.startswith(("<", "<?xml")) or "<svg" in lowered or "<script" in lowered:
        return False
    return all(char.isprintable() or char in "\n\r\t" for char in text)


def media_check(upload) -> MediaCheck:
    """The type and size of an upload, or a ValidationError saying what is wrong."""
    limit = settings.CATALOGUE_MEDIA_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="media_too_large",
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    media_type = sniff(head)
    if media_type is None:
        raise ValidationError(
            _(
                "This kind of file is not accepted. Upload a video (MP4, WebM), a sound (MP3, Ogg, "
                "FLAC, WAV), an image (PNG, JPEG, GIF, WebP), a PDF or a plain text."
            ),
            code="media_type_refused",
        )
    return MediaCheck(media_type=media_type, size=upload.size)


def player_kind(media_type: str) -> str:
    """How a page shows the media: video, audio, image, pdf, text, or link."""
    if media_type.startswith(("video/", "audio/", "image/")):
        return media_type.split("/")[0]
    return {"application/pdf": "pdf", "text/plain": "text"}.get(media_type, "link")
