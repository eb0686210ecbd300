"""CPU time to parse the hostile inputs of issue 12, finding 2 (one file each, in a temporary folder).

``python -m benchmarks.hostile_inputs`` writes each input to a file, parses it once with
``parse_file`` after a warm-up parse, and prints the CPU seconds. The README's Reliability table
comes from it.
"""
from __future__ import annotations

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


if __name__ == "__main__":
    main()
