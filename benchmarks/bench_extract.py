"""Extractor speed: median articles per second on synthetic 500-word articles made at run time.

Run: .venv/bin/python benchmarks/bench_extract.py [--articles 200] [--repeats 5]
(one core; a benchmark, not a test: the aim of issue 5 is >= 50 articles/second).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bilateral.extract import extract
from bilateral.extract.pipeline import default_index

SUBJECTS = [
    "China",
    "Russia",
    "The United States",
    "Beijing",
    "Moscow",
    "Xi Jinping",
    "Vladimir Putin",
    "The EU",
    "Kazakhstan",
    "India",
    "The Kremlin",
    "Washington",
    "Japan",
    "NATO",
    "Iran",
]
VERBS = [
    "accused",
    "praised",
    "met",
    "signed an energy deal with",
    "warned",
    "urged",
    "criticized",
    "held talks with",
    "sanctioned",
    "agreed to cooperate with",
    "rejected a proposal from",
    "supplied gas to",
]
FILLER = [
    "officials",
    "said",
    "the",
    "talks",
    "covered",
    "trade,",
    "security",
    "and",
    "the",
    "supply",
    "chain",
    "for",
    "industrial",
    "goods",
    "while",
    "analysts",
    "noted",
    "that",
    "the",
    "wider",
    "region",
    "remained",
    "calm",
]


def article(rng: random.Random, words: int = 500) -> str:
    """A synthetic article of about `words` words: event sentences mixed with filler, in paragraphs."""
    sentences, count = [], 0
    while count < words:
        if rng.random() < 0.6:
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(SUBJECTS)} on Monday."
        else:
            s = " ".join(rng.choices(FILLER, k=rng.randint(10, 22))).capitalize() + "."
        sentences.append(s)
        count += len(s.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "Synthetic headline for the benchmark\n\n" + "\n\n".join(paragraphs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(5)
    texts = [article(rng) for _ in range(args.articles)]
    default_index()
    extract(texts[0])  # load lexicon and indexes once, as the page and the CLI do
    rates = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for text in texts:
            extract(text)
        rates.append(len(texts) / (time.perf_counter() - start))
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"{args.articles} articles of ~{words:.0f} words, {args.repeats} runs")
    print(
        f"median: {statistics.median(rates):.1f} articles/second (min {min(rates):.1f}, max {max(rates):.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
