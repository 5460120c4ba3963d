#!/usr/bin/env python3
"""Generate the deterministic benchmark corpus for statementlint.

Each statement is one heading line followed by 6-14 paragraphs (configurable) drawn, without
replacement, from the paragraphs of the project's own sample statements (Samples/*.txt and
Samples/*.md, except Samples/README.md; subfolders such as Samples/labels/ are not read).

* Deterministic: a fixed seed drives a self-contained SplitMix64 generator and only integer
  arithmetic, so the same inputs give byte-identical output on any machine and Python version.
* Paragraphs are drawn with probability proportional to their length in bytes (every byte of
  the samples equally likely), which gives statements of about 2.8 KB; `--uniform` draws every
  paragraph with the same probability instead (about 2.3 KB each with the current samples).
* Text is kept byte for byte: UTF-8 (checked), and each paragraph keeps the line endings of the
  file it came from (the CRLF sample stays CRLF), so statements can mix LF and CRLF paragraphs.
* Files go into subfolders of at most --per-dir files (000/, 001/, ...).
* A stamp file (.stamp, JSON) records the parameters and hashes of the inputs and of this
  script; when it matches, the corpus is left alone. Otherwise the corpus is rebuilt in a
  temporary folder and swapped in.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import re
import shutil
import sys
from pathlib import Path

GENERATOR_VERSION = 1
MASK64 = (1 << 64) - 1


class SplitMix64:
    """Small, well-known PRNG (Steele, Lea & Flood 2014); integer-only, hence portable."""

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def next64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """Uniform integer in [0, n), without modulo bias."""
        if n <= 0:
            raise ValueError("n must be positive")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.next64()
            if x < limit:
                return x % n

    def between(self, lo: int, hi: int) -> int:
        """Uniform integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)


def source_files(samples: Path) -> list[Path]:
    files = [p for p in samples.iterdir()
             if p.is_file() and p.suffix in (".txt", ".md") and p.name != "README.md"]
    return sorted(files, key=lambda p: p.name)


def split_paragraphs(path: Path) -> tuple[list[bytes], bytes, str]:
    """Paragraphs of one file (each with its own line terminators), its line ending, its title."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        sys.exit(f"make-corpus: {path} is not valid UTF-8: {err}")
    eol = "\r\n" if "\r\n" in text else "\n"
    # Split after each \n only (str.splitlines would also split on U+2028, \x0c, ...).
    lines = [line for line in re.split(r"(?<=\n)", text) if line != ""]
    paragraphs: list[bytes] = []
    current: list[str] = []
    for line in lines:
        if line.strip() == "":
            if current:
                paragraphs.append("".join(current).encode("utf-8"))
                current = []
        else:
            current.append(line)
    if current:
        last = "".join(current)
        if not last.endswith("\n"):
            last += eol
        paragraphs.append(last.encode("utf-8"))
    title = next((line.strip() for line in lines if line.strip()), path.stem)
    title = title.lstrip("#").strip().strip("*").strip()
    return paragraphs, eol.encode("ascii"), title


def sha256_files(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode("utf-8") + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def parse_range(value: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d+)\s*[-:]\s*(\d+)\s*", value)
    if not m or int(m.group(1)) < 1 or int(m.group(1)) > int(m.group(2)):
        raise argparse.ArgumentTypeError("expected MIN-MAX with 1 <= MIN <= MAX, e.g. 6-14")
    return int(m.group(1)), int(m.group(2))


def main() -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--statements", type=int, default=10000, help="number of statements (default 10000)")
    ap.add_argument("--seed", type=int, default=20260308, help="random seed (default 20260308)")
    ap.add_argument("--paragraphs", type=parse_range, default=(6, 14), metavar="MIN-MAX",
                    help="paragraphs per statement (default 6-14)")
    ap.add_argument("--uniform", action="store_true",
                    help="draw paragraphs uniformly instead of in proportion to their length")
    ap.add_argument("--md-every", type=int, default=15,
                    help="about 1 statement in N is Markdown (.md, '# ' heading); 0 = none (default 15)")
    ap.add_argument("--per-dir", type=int, default=1000, help="files per subfolder (default 1000)")
    ap.add_argument("--samples", type=Path, default=here.parent / "Samples", help="samples folder")
    ap.add_argument("--out", type=Path, default=here / "corpus", help="corpus folder (default Benchmarks/corpus)")
    ap.add_argument("--force", action="store_true", help="regenerate even if the stamp matches")
    args = ap.parse_args()
    if args.statements < 1 or args.per_dir < 1 or args.md_every < 0:
        ap.error("--statements and --per-dir must be >= 1, --md-every >= 0")

    sources = source_files(args.samples)
    if not sources:
        sys.exit(f"make-corpus: no *.txt or *.md samples in {args.samples}")
    params = {
        "generator_version": GENERATOR_VERSION,
        "statements": args.statements,
        "seed": args.seed,
        "paragraphs": list(args.paragraphs),
        "weighting": "uniform" if args.uniform else "length",
        "md_every": args.md_every,
        "per_dir": args.per_dir,
        "sources": [p.name for p in sources],
        "sources_sha256": sha256_files(sources),
        "generator_sha256": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    }
    out: Path = args.out
    stamp_path = out / ".stamp"
    if not args.force and stamp_path.is_file():
        try:
            old = json.loads(stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = {}
        if old.get("params") == params:
            print(f"make-corpus: {out} is up to date ({old['files']} files, {old['bytes']:,} bytes)")
            return 0
    if out.exists() and any(out.iterdir()) and not stamp_path.is_file():
        sys.exit(f"make-corpus: {out} is not empty and has no .stamp; refusing to replace it")

    pool: list[tuple[bytes, bytes]] = []  # (paragraph, blank line in the source's line ending)
    titles: list[str] = []
    for src in sources:
        paragraphs, eol, title = split_paragraphs(src)
        pool.extend((p, eol) for p in paragraphs)
        titles.append(title)
    lo, hi = args.paragraphs
    if hi > len(pool):
        sys.exit(f"make-corpus: only {len(pool)} paragraphs in the pool, cannot draw {hi}")
    base_weights = [1 if args.uniform else len(p) for p, _ in pool]

    rng = SplitMix64(args.seed)
    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    total_bytes = 0
    n_md = 0
    width = max(5, len(str(args.statements - 1)))
    dir_width = max(3, len(str((args.statements - 1) // args.per_dir)))
    for i in range(args.statements):
        k = rng.between(lo, hi)
        weights = list(base_weights)
        chosen: list[int] = []
        for _ in range(k):  # weighted draw without replacement, in draw order
            cumulative = list(itertools.accumulate(weights))
            j = bisect.bisect_right(cumulative, rng.below(cumulative[-1]))
            chosen.append(j)
            weights[j] = 0
        is_md = args.md_every > 0 and rng.below(args.md_every) == 0
        title = titles[rng.below(len(titles))]
        heading = f"{'# ' if is_md else ''}{title} · Release {i + 1:0{width}d}\n\n".encode("utf-8")
        parts = [heading]
        for n, j in enumerate(chosen):
            paragraph, eol = pool[j]
            parts.append(paragraph)
            if n + 1 < len(chosen):
                parts.append(eol)  # the blank line between paragraphs, in the source's line ending
        data = b"".join(parts)
        sub = tmp / f"{i // args.per_dir:0{dir_width}d}"
        sub.mkdir(exist_ok=True)
        (sub / f"statement-{i:0{width}d}{'.md' if is_md else '.txt'}").write_bytes(data)
        total_bytes += len(data)
        n_md += is_md

    stamp = {"params": params, "files": args.statements, "md_files": n_md, "bytes": total_bytes,
             "pool_paragraphs": len(pool)}
    (tmp / ".stamp").write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    print(f"make-corpus: wrote {args.statements} statements ({n_md} Markdown), {total_bytes:,} bytes "
          f"({total_bytes / args.statements:,.0f} B each) from {len(pool)} paragraphs of "
          f"{len(sources)} samples into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
