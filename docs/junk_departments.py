"""Count the department nodes of a policykg store, and those that are not a unit's name: a label or
a deadline read as a unit (配合单位：…, 完成时限：…), rule or duty words left on a name (…牵头,
…按照职责分工, …分别, 下同, 不再列出), a count of regions (两省市), or a sentence (。 《 or over 30
characters). Usage: python docs/junk_departments.py STORE_DIR [--list]"""
import json
import re
import sqlite3
import sys

JUNK = re.compile(r"[：:∶︰]|时限|期限|完成时间|牵头|配合|按照?职责|下同|不再列出|以下|分别$|负责$|"
                  r"^[两三四五六七八九十]省|[。；《]|^.{31,}$")


def main(store: str, listing: bool) -> None:
    db = sqlite3.connect(f"{store}/policykg.sqlite")
    rows = [json.loads(props) for (props,) in db.execute("select props from nodes where type = 'Department'")]
    nodes = [name for name, _ in {(r.get("name") or "", r.get("region")) for r in rows}]   # one per name and region
    names = set(nodes)
    junk = sorted(n for n in names if JUNK.search(n))
    print(f"{len(nodes)} departments (name and region), {sum(bool(JUNK.search(n)) for n in nodes)} junk; "
          f"{len(names)} distinct names, {len(junk)} junk")
    if listing:
        print("\n".join(junk))


if __name__ == "__main__":
    main(sys.argv[1], "--list" in sys.argv)
