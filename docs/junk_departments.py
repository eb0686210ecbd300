"""Count the department nodes of a policykg store, and those that are not a unit's name: a label or
a deadline read as a unit (配合单位：…, 完成时限：…), rule or duty words left on a name (…牵头,
…按照职责分工, …分别, 下同, 不再列出), a count of regions (两省市), or a sentence (。 《 or over 30
characters); and two or more departments read as one (an issuer line 甲局、乙委 or 甲局\t乙委, names
printed without a space: 农业农村部国家发展改革委, 中共云南省委云南省人民政府), a count of departments
(两部门, 甲局等四部门) or words of a title (关于联合). Usage: python docs/junk_departments.py STORE_DIR [--list]"""
import json
import re
import sqlite3
import sys

JUNK = re.compile(r"[：:∶︰]|时限|期限|完成时间|牵头|配合|按照?职责|下同|不再列出|以下|分别$|负责$|"
                  r"^[两三四五六七八九十]省|[。；《]|^.{31,}$|"
                  r"(?:局|委|厅|办|部|院|会|府|室|中心|公司)[、，\s]|(?:局|委|厅|部|府|会|室)(?:中共|国家|国务院)|"
                  r"^(?:中共)?([^、，\s]{2,6}?[省市区县]).{0,12}?(?:局|委|厅|府|会|室)\1|"
                  r"(?:政府|管委会)[和及与].{4,}(?:局|委|厅|会|府|中心)$|"
                  r"等[^、，]{0,4}(?:部门|单位)$|^[两三四五六七八九十\d]+个?部门$|^关于")


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
