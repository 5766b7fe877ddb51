"""Article text -> coded records: the offline extractor behind Add article and `bilateral extract`."""

from bilateral.extract.pipeline import Extraction, extract

__all__ = ["Extraction", "extract"]
