"""Score extraction output against a gold file. No Django.

Two gold formats are read: the seeds' (``file`` names the article next to gold.jsonl) and the
real development corpus' (``id`` names ``articles/<id>.txt``; ``notes`` may say "Likely
YYYY-MM-DD" for a year the text fixes only by context — predicting exactly that date is right).

The measures are the ones the product promises (docs/EXTRACTION.md):

- official names and chairs: micro-averaged precision, recall, F1;
- event dates: found where the text determines one, wrong (another date), invented (a date
  where the gold has none and no likely one);
- titles as written, for the officials found;
- headlines, where the excerpt has one (and headlines invented where it has none).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .normalize import name_key

__all__ = [
    "FileScore", "Summary", "load_gold", "score_file", "summarize", "evaluate_dir", "format_report", "format_row",
    "is_held_out", "SLICES", "TABLE_HEADER", "evaluate_many",
]

SLICES = ("all", "dev", "holdout")
_LIKELY = re.compile(r"(?i)\blikely\s+(\d{4}-\d{2}-\d{2})")


@dataclass
class FileScore:
    file: str
    name_tp: int = 0
    name_fp: list[str] = field(default_factory=list)
    name_fn: list[str] = field(default_factory=list)
    chair_tp: int = 0
    chair_fp: list[str] = field(default_factory=list)
    chair_fn: list[str] = field(default_factory=list)
    date_ok: bool = True
    date_invented: bool = False
    pred_date: str | None = None
    gold_date: str | None = None
    likely_date: str | None = None
    headline_ok: bool = True
    pred_title: str | None = None
    gold_title: str | None = None
    title_hits: int = 0
    title_total: int = 0
    title_misses: list[str] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @property
    def date_found(self) -> bool:
        return self.gold_date is not None and self.pred_date == self.gold_date

    @property
    def date_wrong(self) -> bool:
        """A date other than the gold one, where the gold has one."""
        return self.gold_date is not None and self.pred_date is not None and self.pred_date != self.gold_date


@dataclass
class Summary:
    files: int
    names: dict
    chairs: dict
    date_accuracy: float
    invented_dates: int
    headline_accuracy: float
    title_recall: float
    per_file: list[FileScore]
    dates_expected: int = 0
    dates_found: int = 0
    dates_wrong: int = 0
    headlines_expected: int = 0
    headlines_found: int = 0
    headlines_invented: int = 0

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["per_file"] = [f.to_dict() for f in self.per_file]
        return d


def load_gold(path: str | Path) -> list[dict]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def is_held_out(row: dict) -> bool:
    """The slice of the real corpus kept aside to measure generalisation honestly: every fifth
    document of each batch (A005, A010, …). Its errors are never read while tuning the engine."""
    number = re.search(r"(\d+)$", str(row.get("id") or ""))
    return bool(number) and int(number.group(1)) % 5 == 0


def gold_path(row: dict, directory: str | Path) -> Path:
    """Where the article of a gold row lives: ``file`` beside the gold, or ``articles/<id>.txt``."""
    if row.get("file"):
        return Path(directory) / row["file"]
    return Path(directory) / "articles" / f"{row['id']}.txt"


def _compare(pred: list[str], gold: list[str]) -> tuple[int, list[str], list[str]]:
    pk = {name_key(p): p for p in pred if p}
    gk = {name_key(g): g for g in gold if g}
    tp = len(set(pk) & set(gk))
    fp = [pk[k] for k in pk if k not in gk]
    fn = [gk[k] for k in gk if k not in pk]
    return tp, fp, fn


def _title_key(title: str) -> str:
    return name_key(title).strip(" ,.;:-–—")


def score_file(pred: dict, gold: dict) -> FileScore:
    """Compare one prediction (CLI JSON shape) with one gold row."""
    fs = FileScore(file=gold.get("file") or gold.get("id") or pred.get("file", ""))
    pred_off = {name_key(o["name"]): o for o in pred.get("officials", [])}
    gold_off = gold.get("officials", [])
    fs.name_tp, fs.name_fp, fs.name_fn = _compare([o["name"] for o in pred.get("officials", [])], [o["name"] for o in gold_off])
    for g in gold_off:
        p = pred_off.get(name_key(g["name"]))
        if not p:
            continue  # titles are measured on the names found
        predicted = {_title_key(t) for t in p.get("titles", [])}
        for t in g.get("titles", []):
            fs.title_total += 1
            if _title_key(t) in predicted:
                fs.title_hits += 1
            else:
                fs.title_misses.append(f"{g['name']}: {t}")
    events = pred.get("events") or []
    main = events[0] if events else {}
    fs.chair_tp, fs.chair_fp, fs.chair_fn = _compare(list(main.get("chairs", [])), list(gold.get("chairs", [])))
    fs.pred_date, fs.gold_date = main.get("date"), gold.get("event_date")
    likely = _LIKELY.search(gold.get("notes") or "")
    fs.likely_date = likely.group(1) if likely and fs.gold_date is None else None
    fs.date_ok = fs.pred_date == fs.gold_date or (fs.likely_date is not None and fs.pred_date == fs.likely_date)
    fs.date_invented = fs.pred_date is not None and fs.gold_date is None and fs.pred_date != fs.likely_date
    fs.pred_title, fs.gold_title = pred.get("title"), gold.get("title")
    fs.headline_ok = _headline_key(fs.pred_title) == _headline_key(fs.gold_title)
    fs.error = "; ".join(pred.get("warnings", [])) if pred.get("error") else None
    return fs


def _headline_key(title: str | None) -> str | None:
    # A trailing full stop is no difference a reader notices (the real corpus' gold keeps it in
    # some documents and drops it in others).
    return name_key(title).rstrip(" .") if title else None


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def summarize(scores: list[FileScore]) -> Summary:
    """Micro-averaged figures over files."""
    n = len(scores) or 1
    names = _prf(sum(s.name_tp for s in scores), sum(len(s.name_fp) for s in scores), sum(len(s.name_fn) for s in scores))
    chairs = _prf(sum(s.chair_tp for s in scores), sum(len(s.chair_fp) for s in scores), sum(len(s.chair_fn) for s in scores))
    total_titles = sum(s.title_total for s in scores)
    return Summary(
        files=len(scores),
        names=names,
        chairs=chairs,
        date_accuracy=round(sum(s.date_ok for s in scores) / n, 4),
        invented_dates=sum(s.date_invented for s in scores),
        headline_accuracy=round(sum(s.headline_ok for s in scores) / n, 4),
        title_recall=round(sum(s.title_hits for s in scores) / total_titles, 4) if total_titles else 1.0,
        per_file=scores,
        dates_expected=sum(s.gold_date is not None for s in scores),
        dates_found=sum(s.date_found for s in scores),
        dates_wrong=sum(s.date_wrong for s in scores),
        headlines_expected=sum(s.gold_title is not None for s in scores),
        headlines_found=sum(s.gold_title is not None and s.headline_ok for s in scores),
        headlines_invented=sum(s.gold_title is None and s.pred_title is not None for s in scores),
    )


def evaluate_dir(gold_path_: str | Path, directory: str | Path | None = None, *, part: str = "all") -> Summary:
    """Run the extractor over every article of a gold file and score it.

    ``directory`` defaults to the gold file's folder; ``part`` is one of SLICES ("dev" leaves the
    held-out documents out, "holdout" keeps only them).
    """
    return summarize(_scores(gold_path_, directory, part))


def evaluate_many(gold_paths: list[str | Path], *, part: str = "all") -> Summary:
    """One summary over several gold files (each article beside its own gold file)."""
    return summarize([score for path in gold_paths for score in _scores(path, None, part)])


def _scores(gold_path_: str | Path, directory: str | Path | None, part: str) -> list[FileScore]:
    from .decoding import UndecodableError
    from .pipeline import extract_upload

    directory = Path(directory) if directory is not None else Path(gold_path_).parent
    scores = []
    for row in load_gold(gold_path_):
        if part != "all" and is_held_out(row) != (part == "holdout"):
            continue
        path = gold_path(row, directory)
        label = row.get("file") or row.get("id")
        try:
            pred = extract_upload(path.read_bytes(), filename=path.name).to_json(label)
        except (OSError, UndecodableError) as exc:
            pred = {"file": label, "title": None, "officials": [], "events": [], "warnings": [str(exc)], "error": True}
        scores.append(score_file(pred, row))
    return scores


def _ratio(found: int, total: int) -> str:
    return f"{found}/{total}" + (f" ({found / total:.0%})" if total else "")


def format_report(summary: Summary, *, details: bool = True) -> str:
    """Per-file differences (unless ``details`` is off), then a summary table."""
    lines = []
    for s in summary.per_file if details else []:
        problems = []
        if s.name_fn:
            problems.append(f"  missed officials: {', '.join(s.name_fn)}")
        if s.name_fp:
            problems.append(f"  extra officials:  {', '.join(s.name_fp)}")
        if s.chair_fn:
            problems.append(f"  missed chairs:    {', '.join(s.chair_fn)}")
        if s.chair_fp:
            problems.append(f"  extra chairs:     {', '.join(s.chair_fp)}")
        if not s.date_ok:
            problems.append(f"  event date: got {s.pred_date}, gold {s.gold_date}" + (" (INVENTED)" if s.date_invented else ""))
        if not s.headline_ok:
            problems.append(f"  headline: got {s.pred_title!r}, gold {s.gold_title!r}")
        if s.title_misses:
            problems.append(f"  titles missed:    {' | '.join(s.title_misses)}")
        if s.error:
            problems.append(f"  error: {s.error}")
        lines.append(f"{s.file}: {'OK' if not problems else ''}".rstrip())
        lines += problems
    n, c = summary.names, summary.chairs
    lines += [
        "" if details else None,
        f"{'metric':<22}{'precision':>10}{'recall':>10}{'f1':>10}",
        f"{'official names':<22}{n['precision']:>10.2f}{n['recall']:>10.2f}{n['f1']:>10.2f}",
        f"{'chairs':<22}{c['precision']:>10.2f}{c['recall']:>10.2f}{c['f1']:>10.2f}",
        f"{'event dates found':<22}{_ratio(summary.dates_found, summary.dates_expected):>30}",
        f"{'event dates wrong':<22}{summary.dates_wrong:>10d}",
        f"{'invented dates':<22}{summary.invented_dates:>10d}",
        f"{'event-date accuracy':<22}{summary.date_accuracy:>10.2f}",
        f"{'titles (names found)':<22}{summary.title_recall:>10.2f}",
        f"{'headlines found':<22}{_ratio(summary.headlines_found, summary.headlines_expected):>30}",
        f"{'headlines invented':<22}{summary.headlines_invented:>10d}",
        f"{'headline accuracy':<22}{summary.headline_accuracy:>10.2f}",
        f"{'files':<22}{summary.files:>10d}",
    ]
    return "\n".join(line for line in lines if line is not None)


def format_row(label: str, summary: Summary) -> str:
    """One line of the ``make eval`` table."""
    n, c = summary.names, summary.chairs
    dates = f"{summary.dates_found}/{summary.dates_expected}"
    heads = f"{summary.headlines_found}/{summary.headlines_expected}"
    return (
        f"{label:<26}{summary.files:>5}  {n['f1']:.3f} ({n['precision']:.2f}/{n['recall']:.2f})"
        f"  {c['f1']:.3f} ({c['precision']:.2f}/{c['recall']:.2f})  {dates:>7} {summary.dates_wrong:>3} {summary.invented_dates:>3}"
        f"  {summary.title_recall:.3f}  {heads:>7} {summary.headlines_invented:>3}"
    )


TABLE_HEADER = (
    f"{'corpus':<26}{'files':>5}  {'names F1 (P/R)':<18}  {'chairs F1 (P/R)':<18}  {'dates':>7} {'wr':>3} {'inv':>3}"
    f"  {'titles':<5}  {'heads':>7} {'inv':>3}"
)
