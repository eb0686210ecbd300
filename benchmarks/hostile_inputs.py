"""CPU time to parse the hostile inputs of issue 12, finding 2 (one file each, in a temporary
folder), and the memory a PDF flate bomb takes with and without the cap (finding 7).

``python -m benchmarks.hostile_inputs`` writes each input to a file, parses it once with
``parse_file`` after a warm-up parse, and prints the CPU seconds; then it writes a PDF whose
second content stream is 800 MB of NUL and runs ``policykg parse`` on it twice, under the
default cap and with the cap lifted, printing each run's exit code, wall time and peak memory.
The README's Reliability figures come from it.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = "三、重点任务\n（一）测试行动\n"
INPUTS = {
    "unit clause with 3,000 spaces.txt": HEAD + "1．测试措施。\n责任单位：区发展改革局A" + " " * 3000 + "B\n",
    "unit clause with 4,046 U+2003.txt": HEAD + "1．测试措施。\n责任单位：区发展改革局A" + "\u2003" * 4046 + "B\n",
    "由甲乙局、 x 12,800.txt": HEAD + "1．测试措施。" + "由甲乙局、" * 12800 + "\n",
    "到2025年，达到 + 16,000 一.txt": HEAD + "1．到2025年，达到" + "一" * 16000 + "\n",
    "25,600 one-line measures.txt": HEAD + "1．措施（责任单位：区发展改革局）\n" * 25600,
    "10,000 nested divs.html": ("<html><body>" + "<div>" * 10000 + HEAD + "1．测试措施。" + "</div>" * 10000
                                + "</body></html>"),
}


def main() -> None:
    from policykg.extractor import parse, parse_file

    parse(HEAD + "1．测试措施。\n")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in INPUTS.items():
            path = Path(folder) / name
            path.write_text(text, encoding="utf-8")
            started = time.process_time()
            parse_file(path)
            print(f"{name.rsplit('.', 1)[0]}: {time.process_time() - started:.2f} s CPU")
        flate_bomb(Path(folder) / "bomb.pdf")


def flate_bomb(path: Path, megabytes: int = 800) -> None:
    """Parse a flate bomb in a child process under the default cap and with it lifted."""
    from tests.pdf_samples import write_pdf

    write_pdf(path, [[("text", 90, 700, 16, "一、总体要求。坚持节约优先。")]], padding_mb=megabytes)
    print(f"flate bomb: {path.stat().st_size / 1024:,.0f} KB file, {megabytes} MB inflated")
    for label, cap in (("default cap", None), ("cap lifted", str(4 * megabytes))):
        env = {k: v for k, v in os.environ.items() if k != "POLICYKG_MAX_INFLATED_MB"}
        if cap:
            env["POLICYKG_MAX_INFLATED_MB"] = cap
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "policykg", "parse", str(path)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        print(f"  {label}: exit {child.returncode}, {time.perf_counter() - started:.1f} s, "
              f"peak {usage.ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
