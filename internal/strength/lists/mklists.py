# Makes quorum's internal/strength/lists from zxcvbn's data directory
# (github.com/dropbox/zxcvbn, data/, MIT): python3 mklists.py DATA_DIR OUT_DIR
import re, sys
data, out = sys.argv[1] + '/', sys.argv[2] + '/'
def load(f, n=None):
    words = []
    for line in open(data + f, encoding='utf8'):
        w = line.split()
        if w:
            words.append(w[0].lower())
        if n and len(words) >= n:
            break
    return words
def ranked(*sources):
    d = {}
    for f, n in sources:
        for r, w in enumerate(load(f, n), 1):
            d[w] = min(d.get(w, r), r)
    return d
lists = {
    'passwords': ranked(('passwords.txt', 20000)),
    'words': ranked(('english_wikipedia.txt', 20000), ('us_tv_and_film.txt', 10000)),
    'names': ranked(('surnames.txt', 5000), ('male_names.txt', None), ('female_names.txt', None)),
}
# As zxcvbn: a token stays only in the list where it ranks best, and only
# if its rank is below 10^length (else guessing digits is cheaper).
best = {}
for name, d in lists.items():
    for w, r in d.items():
        if re.fullmatch(r'[\x21-\x7e]+', w) and r < 10 ** len(w) and (w not in best or best[w][1] > r):
            best[w] = (name, r)
for name in lists:
    with open(out + name + '.txt', 'w') as f:
        for r, w in sorted((r, w) for w, (n, r) in best.items() if n == name):
            f.write(f'{w} {r}\n')
