"""'The bloc' and 'the alliance' read as the last bloc named that the phrase can stand for.

Why: "The Chinese ambassador to the EU accused the bloc of interfering ..." coded nothing, the bloc being
no actor. Each phrase lists the blocs it may name (markers bloc_anaphors): "the alliance" is NATO or the
CSTO, never the EU, and "the bloc" no body of the UN.
"""

from __future__ import annotations

from collections.abc import Sequence

from bilateral.extract.actors import ActorIndex, Mention
from bilateral.extract.lexicon import Lexicon


def bloc_mentions(
    sentence: str,
    offset: int,
    own: list[Mention],
    earlier: Sequence[Mention],
    index: ActorIndex,
    lexicon: Lexicon,
) -> list[Mention]:
    """Each bloc phrase of the sentence as a mention of the last bloc it can name, named before it in this
    sentence (own) or in the article's earlier sentences (earlier: their mentions, in order); the names are
    gathered only for a sentence that has such a phrase."""
    out = []
    for phrase in lexicon.bloc_anaphors:
        for match in phrase.pattern.finditer(sentence):
            start, end = offset + match.start(), offset + match.end()
            named = [m.codes[0] for m in (*earlier, *own) if m.end <= start]
            code = next((c for c in reversed(named) if c in phrase.codes), None)
            if code is None or any(m.start < end and start < m.end for m in own):
                continue
            name = index.actors[code].name if code in index.actors else code
            note = f"'{match.group()}' points back at {name}, the last bloc named that it can stand for"
            out.append(Mention((code,), match.group(), start, end, how="anaphor", note=note))
    return out
