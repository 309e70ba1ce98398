"""Score extraction output against a gold file (format of shared/seeds/gold.jsonl). No Django."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .normalize import name_key

__all__ = ["FileScore", "Summary", "load_gold", "score_file", "summarize", "evaluate_dir", "format_report"]


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
    headline_ok: bool = True
    pred_title: str | None = None
    gold_title: str | None = None
    title_hits: int = 0
    title_total: int = 0
    error: str | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


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


def _compare(pred: list[str], gold: list[str]) -> tuple[int, list[str], list[str]]:
    pk = {name_key(p): p for p in pred if p}
    gk = {name_key(g): g for g in gold if g}
    tp = len(set(pk) & set(gk))
    fp = [pk[k] for k in pk if k not in gk]
    fn = [gk[k] for k in gk if k not in pk]
    return tp, fp, fn


def score_file(pred: dict, gold: dict) -> FileScore:
    """Compare one prediction (CLI JSON shape) with one gold row."""
    fs = FileScore(file=gold.get("file", pred.get("file", "")))
    pred_off = {name_key(o["name"]): o for o in pred.get("officials", [])}
    gold_off = gold.get("officials", [])
    fs.name_tp, fs.name_fp, fs.name_fn = _compare([o["name"] for o in pred.get("officials", [])], [o["name"] for o in gold_off])
    for g in gold_off:
        p = pred_off.get(name_key(g["name"]))
        gt = {name_key(t) for t in g.get("titles", [])}
        fs.title_total += len(gt)
        if p:
            fs.title_hits += len(gt & {name_key(t) for t in p.get("titles", [])})
    events = pred.get("events") or []
    main = events[0] if events else {}
    fs.chair_tp, fs.chair_fp, fs.chair_fn = _compare(list(main.get("chairs", [])), list(gold.get("chairs", [])))
    fs.pred_date, fs.gold_date = main.get("date"), gold.get("event_date")
    fs.date_ok = fs.pred_date == fs.gold_date
    fs.date_invented = fs.pred_date is not None and fs.gold_date is None
    fs.pred_title, fs.gold_title = pred.get("title"), gold.get("title")
    fs.headline_ok = (name_key(fs.pred_title) if fs.pred_title else None) == (name_key(fs.gold_title) if fs.gold_title else None)
    fs.error = "; ".join(pred.get("warnings", [])) if pred.get("error") else None
    return fs


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
    )


def evaluate_dir(gold_path: str | Path, directory: str | Path) -> Summary:
    """Run the extractor over every gold file found in ``directory`` and score it."""
    from .decoding import UndecodableError
    from .pipeline import extract_upload

    scores = []
    for row in load_gold(gold_path):
        path = Path(directory) / row["file"]
        try:
            pred = extract_upload(path.read_bytes(), filename=path.name).to_json(row["file"])
        except (OSError, UndecodableError) as exc:
            pred = {"file": row["file"], "title": None, "officials": [], "events": [], "warnings": [str(exc)], "error": True}
        scores.append(score_file(pred, row))
    return summarize(scores)


def format_report(summary: Summary) -> str:
    """Per-file differences, then a summary table."""
    lines = []
    for s in summary.per_file:
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
        if s.error:
            problems.append(f"  error: {s.error}")
        lines.append(f"{s.file}: {'OK' if not problems else ''}".rstrip())
        lines += problems
    n, c = summary.names, summary.chairs
    lines += [
        "",
        f"{'metric':<22}{'precision':>10}{'recall':>10}{'f1':>10}",
        f"{'official names':<22}{n['precision']:>10.2f}{n['recall']:>10.2f}{n['f1']:>10.2f}",
        f"{'chairs':<22}{c['precision']:>10.2f}{c['recall']:>10.2f}{c['f1']:>10.2f}",
        f"{'event-date accuracy':<22}{summary.date_accuracy:>10.2f}",
        f"{'invented dates':<22}{summary.invented_dates:>10d}",
        f"{'headline accuracy':<22}{summary.headline_accuracy:>10.2f}",
        f"{'title recall':<22}{summary.title_recall:>10.2f}",
        f"{'files':<22}{summary.files:>10d}",
    ]
    return "\n".join(lines)
