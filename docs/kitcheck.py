"""Check lines typed from the quorum recovery kit; write the program.
python3 kitcheck.py TYPED > recover.py
Type each line as printed: number, check, one space, the code (a space
for each dot). Each check is FORMAT.md section 7's, over the code.
"""
import re, sys
A = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def mul(a, b):
    p = 0
    while b:
        p, a, b = p ^ (a if b & 1 else 0), a << 1, b >> 1
        a ^= 1033 if a & 1024 else 0
    return p
def check(n, last, code):
    c, w = 0, 1
    for v in [1, n, last] + list(code.encode()):
        c, w = c ^ mul(v, w), mul(w, 2)
    return A[c >> 5] + A[c & 31]
rows = [r for r in open(sys.argv[1], encoding="utf-8").read().splitlines() if r.strip()]
out = []
for i, row in enumerate(rows, 1):
    m = re.match(r"\s*(\d+)\s+(\w\w)(?: (.*))?$", row)
    code = m and m.group(3) or ""
    if not m or int(m.group(1)) != i:
        sys.exit(f"line {i}: not line {i} (its number, its check, then the code)")
    if m.group(2).upper() != check(i, int(i == len(rows)), code):
        sys.exit(f"line {i}: mistyped, or the lines after it are missing: compare it with the kit")
    out.append(code)
sys.stdout.write("\n".join(out) + "\n")
