"""Ingestion at archive scale, measured (``make bench``, phase ``ingest_scale``).

- Throughput of the background workers: a batch of generated article files queued with
  ``manage.py ingest DIR --enqueue``, then worked by one, then two ``manage.py db_worker``
  processes; files/s from the first worker's start to the batch's end, and how long queueing
  (what the upload request does) took per file.
- A 1 GB WARC (generated once into var/bench/, reused): ``manage.py ingest big.warc.gz`` in the
  foreground; its wall time, pages/s and peak memory (VmHWM), beside the same for a 100 MB WARC
  of the same make, to show the memory is flat in the archive's size.

Runs in a database of its own (``<base>_ingest_scale``, dropped afterwards). Writes its own
section of docs/BENCHMARKS.md (between the ``bench:ingest-scale`` markers).
"""

import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from bench import databases
from bench.measure import REPO

MARK, END = "<!-- bench:ingest-scale -->", "<!-- /bench:ingest-scale -->"
BENCH_DIR = REPO / "var" / "bench"


def run(base, *, files=1000, workers=(1, 2), warc_mb=1024, small_warc_mb=100, log=print):
    url = databases.url_for(base, "ingest_scale")
    databases.drop(url)
    databases.create(url)
    media = tempfile.mkdtemp(prefix="vankho-bench-media-")
    env = databases.worker_env(url, MEDIA_ROOT=media, CONN_MAX_AGE="0")
    try:
        _manage(env, "migrate", "--no-input")
        out = {"files": files, "workers": {}}
        for count in workers:
            log(f"== ingestion throughput, {files} files, {count} worker(s)")
            out["workers"][str(count)] = throughput(env, url, files=files, workers=count, seed=100 + count, log=log)
        out["warc"] = {}
        for size in (small_warc_mb, warc_mb):
            path = warc_file(size, log=log)
            log(f"== {size} MB WARC, foreground ingest")
            out["warc"][str(size)] = ingest_warc(env, path)
        return out
    finally:
        databases.drop(url)


def _manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=REPO, env=env, check=True,
                          capture_output=True, text=True, **kwargs)


def _hwm_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def throughput(env, url, *, files, workers, seed, log=print):
    from bench.synthetic import texts

    with tempfile.TemporaryDirectory(prefix="vankho-bench-batch-") as tmp:
        total = 0
        for i, text in enumerate(texts(files, seed=seed + int(time.time()) % 100000)):
            data = text.encode()
            total += len(data)
            Path(tmp, f"bai-{i:05d}.txt").write_bytes(data)
        started = time.perf_counter()
        _manage(env, "ingest", tmp, "--enqueue")
        queued = time.perf_counter() - started
    with psycopg.connect(url, autocommit=True) as conn:
        batch = conn.execute("SELECT max(id) FROM articles_ingestbatch").fetchone()[0]
        procs = [
            subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
                             cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(workers)
        ]
        started = time.perf_counter()
        peaks = {}
        try:
            while True:
                for p in procs:
                    peaks[p.pid] = max(peaks.get(p.pid) or 0, _hwm_kib(p.pid) or 0)
                row = conn.execute("SELECT finished_at IS NOT NULL FROM articles_ingestbatch WHERE id = %s", [batch]).fetchone()
                if row[0]:
                    break
                if time.perf_counter() - started > 3600:
                    raise TimeoutError("batch not finished in an hour")
                time.sleep(0.2)
            seconds = time.perf_counter() - started
        finally:
            for p in procs:
                p.terminate()
            for p in procs:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
        counts = dict(conn.execute(
            "SELECT status, count(*) FROM articles_ingestitem WHERE batch_id = %s GROUP BY status", [batch]
        ).fetchall())
    log(f"  {files / seconds:.1f} files/s")
    return {"load_average": round(os.getloadavg()[0], 1), "files": files, "bytes": total, "queue_seconds": round(queued, 2),
            "queue_ms_per_file": round(1000 * queued / files, 2), "seconds": round(seconds, 2),
            "files_per_s": round(files / seconds, 1), "statuses": counts,
            "worker_peak_mib": round(max(peaks.values()) / 1024) if peaks else None}


# ---------------------------------------------------------------- a big WARC


_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title></head><body>
<header><nav>Trang chủ | Thời sự | Chính trị | Kinh tế | Xã hội | Văn hóa | Thể thao</nav></header>
<main><article><h1>{title}</h1>{paragraphs}</article>
<aside><h2>Tin khác</h2><ul>{others}</ul></aside></main>
<footer>Cơ quan chủ quản: Báo Thử Nghiệm. Giấy phép số 01/GP. Địa chỉ: 1 phố Thử, Hà Nội.</footer></body></html>"""


def _html(text, rng):
    lines = [line for line in text.split("\n") if line.strip()]
    title = lines[0]
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    others = "".join(f"<li><a href='/tin/{rng.randint(1, 10**6)}'>Tin liên quan số {rng.randint(1, 999)}</a></li>"
                     for _ in range(20))
    return _PAGE.format(title=title, paragraphs=paragraphs, others=others).encode()


def warc_file(size_mb, *, pages=600, log=print):
    """var/bench/big-<size>mb.warc.gz: ``pages`` HTML pages among images and videos (most of a
    crawl's bytes) and a revisit every tenth page; generated once, then reused. Every size holds
    the same pages, so that what changes between sizes is the archive, not the work."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from bench.synthetic import texts

    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"big-{size_mb}mb-{pages}pages.warc.gz"
    if path.exists():
        return path
    log(f"  generating {path} ({size_mb} MB)")
    rng = random.Random(size_mb)
    bodies = texts(pages, seed=5000 + size_mb)  # pages of their own: not a re-crawl of a smaller size
    target = size_mb * 1024 * 1024
    blob = os.urandom(8 * 1024 * 1024)  # incompressible, like media
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        n = 0
        while n < pages or fh.tell() < target:
            url = f"https://bao-thu-nghiem.example.vn/tin/{n}"
            if n < pages:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(_html(bodies[n], rng)), http_headers=http)
                writer.write_record(record)
                if n % 10 == 0:
                    writer.write_record(writer.create_revisit_record(
                        url, digest=record.rec_headers.get_header("WARC-Payload-Digest"), refers_to_uri=url,
                        refers_to_date=record.rec_headers.get_header("WARC-Date"), http_headers=record.http_headers))
            share = max(64 * 1024, (target - fh.tell()) // max(1, pages - n))
            media = blob[: min(len(blob), rng.randint(share // 2, share * 3 // 2))]
            http = StatusAndHeaders("200 OK", [("Content-Type", "video/mp4")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"{url}/video.mp4", "response", payload=io.BytesIO(media),
                                                          http_headers=http))
            n += 1
    partial.rename(path)
    return path


def ingest_warc(env, path):
    """``manage.py ingest PATH`` in the foreground: wall time, pages/s, peak memory (VmHWM)."""
    with tempfile.TemporaryFile("w+") as out:  # a file, not a pipe: the report can be long
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "manage.py", "ingest", str(path)], cwd=REPO, env=env,
                                stdout=out, stderr=subprocess.STDOUT, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _hwm_kib(proc.pid) or 0)
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        out.seek(0)
        text = out.read()
    lines = text.splitlines()
    summary = next((line for line in lines if line.startswith("Đợt")), text[-300:])
    skipped = next((line for line in lines if line.startswith("Bản ghi web")), "")
    stored = _count(summary, "đã tạo") + _count(summary, r"có thể trùng \(đã lưu, gắn cờ\)")
    return {"load_average": round(os.getloadavg()[0], 1), "mb": round(path.stat().st_size / 2**20),
            "seconds": round(seconds, 1), "peak_mib": round(peak / 1024), "pages": stored,
            "pages_per_s": round(stored / seconds, 1) if stored else 0, "summary": summary, "skipped": skipped,
            "exit": proc.returncode, **({"output": text[-1500:]} if proc.returncode else {})}


def _count(summary, label):
    import re

    found = re.search(rf"{label} (\d+)", summary)
    return int(found.group(1)) if found else 0


# ---------------------------------------------------------------- report


def render(result):
    if not result or result.get("error"):
        return f"not measured: {(result or {}).get('error', 'phase skipped')}\n"
    lines = ["| workers | files | seconds | **files/s** | queueing (the upload's share) | worker peak memory | load avg |",
             "|---|---|---|---|---|---|---|"]
    for workers, r in sorted(result["workers"].items()):
        lines.append(f"| {workers} | {r['files']} | {r['seconds']} | **{r['files_per_s']}** | "
                     f"{r['queue_ms_per_file']} ms/file ({r['queue_seconds']} s) | {r['worker_peak_mib']} MiB | "
                     f"{r.get('load_average', '?')} |")
    lines += ["", "| WARC | seconds | HTML pages stored | pages/s | **peak memory** | records skipped | load avg |",
              "|---|---|---|---|---|---|---|"]
    for _size, r in sorted(result["warc"].items(), key=lambda kv: int(kv[0])):
        lines.append(f"| {r['mb']} MB | {r['seconds']} | {r['pages']} | {r['pages_per_s']} | **{r['peak_mib']} MiB** | "
                     f"{r['skipped'].split(':', 1)[-1].strip()} | {r.get('load_average', '?')} |")
    return "\n".join(lines) + "\n"


def write_section(result, path, *, machine=""):
    """Put this phase's table into ``path`` between its markers (added at the end the first time)."""
    path = Path(path)
    text = path.read_text() if path.exists() else ""
    block = (f"{MARK}\n\nMeasured {time.strftime('%Y-%m-%d')} by `make bench` (phase `ingest_scale`){machine}.\n\n"
             + render(result) + f"\n{END}")
    if MARK in text and END in text:
        before, rest = text.split(MARK, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Ingestion at archive scale\n\n" + block + "\n"
    path.write_text(text)



def main(*, out=REPO / "docs" / "BENCHMARKS.md", log=print, **kwargs):
    """This phase alone (``manage.py bench --only ingest_scale``): measure, print, write its section."""
    from bench import report

    result = run(databases.base_url(), log=log, **kwargs)
    log(render(result))
    machine = report.machine(databases.base_url())
    write_section(result, out, machine=f" on {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores")
    return result
