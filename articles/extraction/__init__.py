"""Văn khố extraction engine: pure Python, no Django.

    extract(text, published=None, filename=None) -> Extraction
    extract_upload(data, filename="", published=None) -> Extraction   (decode + extract)
    decode_upload(data, filename="") -> Decoded                        (raises UndecodableError)
"""

from .decoding import Decoded, UndecodableError, decode_upload
from .normalize import fold, name_key, normalize_text
from .pipeline import (
    EXTRACTOR_VERSION,
    ROLES,
    Event,
    Extraction,
    OfficialMention,
    OrganizationMention,
    Participant,
    extract,
    extract_upload,
)

__all__ = [
    "EXTRACTOR_VERSION", "ROLES", "extract", "extract_upload", "decode_upload", "normalize_text", "name_key",
    "fold", "UndecodableError", "Decoded", "Extraction", "OfficialMention", "Participant", "Event",
    "OrganizationMention",
]
