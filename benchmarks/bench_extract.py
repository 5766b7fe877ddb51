"""Extractor speed: median articles per second on synthetic 500-word articles made at run time, as plain
text, as pasted web pages (dateline, byline, captions, "Read more") and as HTML; then a 200-file batch
ingested into a scratch review queue, with its time and the memory it holds.

Run: .venv/bin/python benchmarks/bench_extract.py [--articles 200] [--repeats 5]
(one core; a benchmark, not a test: the aims of issues 5 and 12 are >= 50 articles/second, and a
200-file batch with a progress bar in constant memory).
"""

from __future__ import annotations

import argparse
import html
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
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


def web_page(rng: random.Random, text: str) -> str:
    """The article as text copied from a web page: dateline, byline, caption, links, share line."""
    title, _, body = text.partition("\n\n")
    return (
        f"{title}\nBy Jordan Hale\nPublished 2023/5/{rng.randint(1, 28)}\n\n"
        f"MOSCOW, May 4 (Bench Wire) - {body}\n\nPhoto: Delegates in Moscow. Credit: Chad Reyes\n"
        "Read more: Japan and India talk trade\nShare on Facebook | Share on X\n\nComments (4)\nGreat!"
    )


def html_page(text: str) -> str:
    """The article as an HTML page with metadata, navigation and a comment section."""
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    return (
        f"<html><head><title>{title}</title><meta property='article:published_time' content='2023-05-04'>"
        f"</head><body><nav>Home | World | Japan</nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<section class='comments'><p>Iran!</p></section></body></html>"
    )


def rate(texts: list[str], repeats: int) -> tuple[list[float], list[float]]:
    """Articles per second of each run over the texts: by the wall clock, and by this process's CPU time
    (the second holds steady when other work shares the machine)."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            extract(text)
        wall.append(len(texts) / (time.perf_counter() - start))
        cpu.append(len(texts) / (time.process_time() - start_cpu))
    return wall, cpu


def batch(texts: list[str]) -> None:
    """Ingest the texts as files of one folder into a scratch database; time and memory held."""
    from bilateral import store
    from bilateral.extract.ingest import ingest_folder, progress_bar

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        for n, text in enumerate(texts):
            suffix = ".html" if n % 4 == 0 else ".txt"
            (folder / f"{n:03d}{suffix}").write_text(text, encoding="utf-8")
        os.environ["BILATERAL_DB"] = str(Path(tmp) / "timed.sqlite3")
        start = time.perf_counter()
        report = ingest_folder(store.connect(), folder, progress=progress_bar())
        seconds = time.perf_counter() - start
        os.environ["BILATERAL_DB"] = str(Path(tmp) / "traced.sqlite3")  # tracemalloc slows Python: apart
        conn = store.connect()
        tracemalloc.start()
        ingest_folder(conn, folder)
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"batch of {len(texts)} files: {report}; {seconds:.1f} s ({len(texts) / seconds:.0f} files/s); "
            f"Python memory held after the batch {held / 1e6:.1f} MB, peak {peak / 1e6:.1f} MB"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-batch", action="store_true", help="skip the batch ingest")
    args = parser.parse_args()
    rng = random.Random(5)
    texts = [article(rng) for _ in range(args.articles)]
    default_index()
    extract(texts[0])  # load lexicon and indexes once, as the page and the CLI do
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"{args.articles} articles of ~{words:.0f} words, {args.repeats} runs")
    pages = [web_page(rng, t) for t in texts]
    htmls = [html_page(t) for t in texts]
    extract(htmls[0])  # import trafilatura once
    for name, inputs in (("plain text", texts), ("pasted web pages", pages), ("HTML pages", htmls)):
        rates, cpu = rate(inputs, args.repeats)
        print(
            f"{name}: median {statistics.median(rates):.1f} articles/second "
            f"(min {min(rates):.1f}, max {max(rates):.1f}); by CPU time {statistics.median(cpu):.1f}"
        )
    if not args.no_batch:
        batch([p if n % 4 else h for n, (p, h) in enumerate(zip(pages, htmls, strict=True))])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
