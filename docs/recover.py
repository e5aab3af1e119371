#!/usr/bin/env python3
"""recover.py: read quorum shares and rebuild the secret, without quorum.

This script is independent of quorum: it follows FORMAT.md (the quorum share
format, version 1), and every step names the section it implements. It needs
Python 3.8 or later and nothing but the standard library; to open shares it
runs stock age (age-encryption.org), 1.3 or later for post-quantum shares.

  python3 recover.py check   SHARE          check the numbered lines (section 7)
  python3 recover.py inspect SHARE          print the public header, verify the signature
  python3 recover.py age     SHARE > s.age  rebuild the sealed age file (section 4)
  python3 recover.py combine [--age AGE] SHARE KEY [SHARE KEY ...]
                                            rebuild the secret from k shares
                                            (sections 5, 6 and 12)
  python3 recover.py combine SHARE... --payloads PAYLOAD...

SHARE is a file (or - for standard input) holding one share: a share file with
numbered lines, the share string QRM1... as a QR reader returns it (zbarimg's
"QR-Code:" prefix is fine) or as typed from a sheet without line numbers and
checks, or the part strings QRP1... of one share, one a line, in any order.

KEY is what opens the SHARE before it:
  - the custodian's age identity file (an age key, a post-quantum age key, an
    OpenSSH private key, an age plugin identity): recover.py runs
    `AGE -d -i KEY` on the share's age file, and the payload comes back
    through a pipe, never through a file;
  - --passphrase for a passphrase custodian: age asks on the terminal;
  - or the payload itself, as age -d wrote it, best through a pipe:
    <(python3 recover.py age SHARE | age -d -i KEY).
AGE is the age program (default: age); post-quantum shares need age 1.3 or
later. A key given beside the wrong share is named, with the share it opens.
The secret goes to standard output; errors go to standard error, with exit
status 1.
"""

import base64
import datetime
import hashlib
import hmac
import re
import subprocess
import sys
import types


class Fail(Exception):
    """A problem to tell the user; main prints it and exits with status 1."""


# Section 1. Crockford base32 ------------------------------------------------

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # value 0 ... 31, in this order
VALUE = {c: v for v, c in enumerate(ALPHABET)}
VALUE.update({c.lower(): v for c, v in list(VALUE.items())})  # lower case
VALUE.update({"O": 0, "o": 0, "I": 1, "i": 1, "L": 1, "l": 1})  # the slips


def normalize(text):
    """Return text as canonical symbols: upper case, O read as 0, I and L as 1."""
    for pos, c in enumerate(text, 1):
        if c not in VALUE:
            raise Fail(f"{c!r} (symbol {pos}) is not a base32 symbol")
    return "".join(ALPHABET[VALUE[c]] for c in text)


def b32encode(data):
    """Bytes as one bit string, MSB first, in 5-bit groups, zero-padded."""
    bits = "".join(f"{b:08b}" for b in data)
    bits += "0" * (-len(bits) % 5)
    return "".join(ALPHABET[int(bits[i:i + 5], 2)] for i in range(0, len(bits), 5))


def b32decode(symbols):
    """The inverse of b32encode; the pad bits must be zero, and fewer than 5."""
    bits = "".join(f"{VALUE[c]:05b}" for c in symbols)
    whole = len(bits) // 8 * 8
    if len(bits) - whole >= 5 or "1" in bits[whole:]:
        raise Fail("the base32 text does not end where a byte ends (a symbol missing or extra?)")
    return bytes(int(bits[i:i + 8], 2) for i in range(0, whole, 8))


def strip_prefix(string, magic):
    """Sections 2 and 8: MAGIC, a version digit, base32. Return the base32."""
    version = string[3:4].replace("I", "1").replace("i", "1").replace("L", "1").replace("l", "1")
    if string[:3].upper() != magic or version != "1":
        if string[:3].upper() == magic and version.isdigit():
            raise Fail(f"{magic}{version}: format version {version}, newer than this script (1)")
        raise Fail(f"not a quorum share: it does not start with {magic}1")
    return normalize(string)[4:]


# Section 7. Numbered lines and their checks ----------------------------------

LINE_SYMBOLS = 24  # every line but the last holds exactly 24 symbols


def gf1024_mul(a, b):
    """Multiply in GF(2^10), reduction polynomial x^10 + x^3 + 1 (0x409)."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0x400:
            a ^= 0x409
    return product


def line_check(number, last, symbols):
    """check = sum of v_j * alpha^j with alpha = x, as two symbols (high, low).

    v0 = 1 (format version), v1 = line number, v2 = 1 on the last line, then
    the symbols' values. (Line numbers never reach 1024; quorum's Go code
    would take them mod 1024.)
    """
    values = [1, number % 1024, 1 if last else 0] + [VALUE[c] for c in symbols]
    check, power = 0, 1  # power = alpha^j
    for v in values:
        check ^= gf1024_mul(v, power)
        power = gf1024_mul(power, 2)
    return ALPHABET[check >> 5] + ALPHABET[check & 31]


def check_lines(rows):
    """Check numbered lines (each a list of fields); return the share string."""
    symbols, last = [], False
    for want, fields in enumerate(rows, 1):
        if not fields[0].isdecimal():
            raise Fail(f"{' '.join(fields)!r} is neither a numbered line nor a share string")
        number = int(fields[0])
        if number > want:
            raise Fail(f"line {want} is missing")
        if number < want:
            raise Fail(f"line {number} comes again after line {want - 1}")
        if last:
            raise Fail(f"line {number} follows line {number - 1}, which is the last line")
        if len(fields) < 3:
            raise Fail(f"line {number}: the symbols or the two check symbols are missing")
        try:  # spaces among the symbols are ignored; the last field is the check
            data, check = normalize("".join(fields[1:-1])), normalize(fields[-1])
        except Fail as e:
            raise Fail(f"line {number}: {e}") from None
        if len(data) == LINE_SYMBOLS and check == line_check(number, False, data):
            pass
        elif len(data) <= LINE_SYMBOLS and check == line_check(number, True, data):
            last = True
        else:
            why = "checksum mismatch: a symbol on this line (or its check) is mistyped"
            if len(data) != LINE_SYMBOLS:
                why += f"; it has {len(data)} symbols where {LINE_SYMBOLS} belong"
            if number == 1 and data[:3] == "QRM" and data[3:4] in "023456789":
                why += f", or the share is of format {data[3:4]}, newer than this script"
            raise Fail(f"line {number}: {why}")
        symbols.append(data)
    if not last:
        raise Fail(f"the share text is cut off: it ends after line {len(rows)}, not a last line")
    return "".join(symbols)


def read_lines(path):
    """The lines of a share's text, each split into its fields at spaces.

    Lines starting with # and blank lines are comments (section 7); the
    "QR-Code:" that zbarimg writes before what it read is dropped.
    """
    if path == "-":
        raw = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as f:
            raw = f.read()
    lines = []
    for line in raw.decode("utf-8-sig", "replace").splitlines():
        fields = line.split()
        if fields and not fields[0].startswith("#"):
            if fields[0].startswith("QR-Code:"):
                fields[0] = fields[0][len("QR-Code:"):]
            lines.append(fields)
    if not lines:
        raise Fail("there is no share in it")
    return lines


def read_share(path):
    """Read the one share in a file, in any of its forms; parse its body."""
    try:
        lines = read_lines(path)
        first = lines[0][0]
        if first.isdecimal():  # numbered lines with checks (section 7)
            string = check_lines(lines)
        elif first[:3].upper() == "QRP":  # the parts of one share (section 8)
            return parse_body(join_parts(lines))
        elif sum(fields[0][:3].upper() == "QRM" for fields in lines) > 1:
            raise Fail("it holds more than one share string: give one share a file")
        else:  # the share string as a QR reader returns it (section 7), or
            # typed without line numbers and checks (section 12, step 1)
            string = "".join("".join(fields) for fields in lines)
        return parse_body(b32decode(strip_prefix(string, "QRM")))  # section 2
    except Fail as e:
        raise Fail(f"{path}: {e}") from None
    except OSError as e:
        raise Fail(f"{path}: {e.strerror}") from None


# Section 8. Parts --------------------------------------------------------------

def join_parts(lines):
    """Join the part strings of one share, one a line, in any order; return the body."""
    chunks, common = {}, None
    for fields in lines:
        if len(fields) != 1:
            raise Fail("part strings go one a line, without spaces")
        b = b32decode(strip_prefix(fields[0], "QRP"))
        # set fingerprint 16 | index 1 | part i 1 | parts m 1 | share hash 16 | chunk
        if len(b) <= 35:
            raise Fail("a part string is too short")
        i, m = b[17], b[18]
        if common is None:
            common = b[:17] + b[18:35]  # the same in every part of the share
        if b[:17] + b[18:35] != common:
            raise Fail("the part strings are not all of the same share")
        if m < 2 or not 1 <= i <= m:
            raise Fail(f"part {i} of {m} is impossible")
        if chunks.setdefault(i, b[35:]) != b[35:]:
            raise Fail(f"two different parts {i}")
    set_id, index, m, share_hash = common[:16], common[16], common[17], common[18:]
    missing = [str(i) for i in range(1, m + 1) if i not in chunks]
    if missing:
        raise Fail(f"share {index}: part {', '.join(missing)} of {m} missing")
    body = b"".join(chunks[i] for i in range(1, m + 1))  # joined in order of i
    share_string = "QRM1" + b32encode(body)
    if hashlib.sha256(share_string.encode()).digest()[:16] != share_hash:  # section 2
        raise Fail("the joined parts do not match their share hash")
    if hashlib.sha256(body[:32]).digest()[:16] != set_id or body[32:33] != bytes([index]):
        raise Fail("the joined parts do not match their set and index")
    return body


# Section 3. The body ---------------------------------------------------------------

KINDS = {1: "x25519", 2: "post-quantum", 3: "ssh-ed25519", 4: "ssh-rsa",
         5: "passphrase", 6: "plugin"}


class Reader:
    """Reads a body field by field; running out of bytes is an error."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise Fail("malformed share: the data ends too early")
        self.pos += n
        return self.data[self.pos - n:self.pos]

    def byte(self):
        return self.take(1)[0]

    def uint16(self):  # all integers are unsigned big-endian
        return int.from_bytes(self.take(2), "big")


def utf8(b, what):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        raise Fail(f"malformed share: the {what} is not UTF-8") from None


def parse_body(body):
    """Parse the share body (section 3); rebuild its age file (section 4)."""
    if len(body) < 64:
        raise Fail("malformed share: the data ends too early")
    r = Reader(body[:-64])  # the last 64 bytes are the signature
    s = types.SimpleNamespace()
    s.set_key = r.take(32)
    s.index, s.k, s.n = r.byte(), r.byte(), r.byte()
    s.created = datetime.date(1970, 1, 1) + datetime.timedelta(days=r.uint16())
    s.kind = r.byte()
    s.label = utf8(r.take(r.byte()), "label")
    s.custodian = utf8(r.take(r.byte()), "custodian")
    if not (2 <= s.k <= s.n and 1 <= s.index <= s.n):
        raise Fail(f"malformed share: share {s.index} of {s.n}, any {s.k} is impossible")
    if s.kind not in KINDS:
        raise Fail(f"malformed share: unknown recipient kind {s.kind}")
    if len(s.label.encode()) > 64 or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in s.label):
        raise Fail("malformed share: the label is too long or holds a control character")
    if not (0 < len(s.custodian.encode()) <= 64 and s.custodian[0] not in ".-" and
            all(c.isalnum() or c in "._-" for c in s.custodian)):
        raise Fail(f"malformed share: impossible custodian name {s.custodian!r}")
    s.age, s.stanza_types = rebuild_age(r)
    if r.pos != len(r.data):  # no trailing bytes
        raise Fail(f"malformed share: {len(r.data) - r.pos} bytes after the sealed payload")
    s.signed, s.signature = body[:-64], body[-64:]
    return s


# Section 4. The sealed payload: age, compact ------------------------------------

STANZA_TYPES = {1: b"X25519", 2: b"mlkem768x25519", 3: b"ssh-ed25519", 4: b"ssh-rsa",
                5: b"scrypt"}


def b64(data):
    """Standard base64 without padding, as age writes it."""
    return base64.b64encode(data).rstrip(b"=")


def rebuild_age(r):
    """Read the compact age file from r; rebuild the age file byte for byte.

    Return it and its stanza types.
    """
    out, types = b"age-encryption.org/v1\n", []
    count = r.byte()
    if count == 0:
        raise Fail("malformed share: the sealed payload has no recipient stanza")
    for _ in range(count):
        code = r.byte()
        if code == 255:  # other: type length, type
            typ = r.take(r.byte())
        elif code in STANZA_TYPES:
            typ = STANZA_TYPES[code]
        else:
            raise Fail(f"malformed share: unknown age stanza type code {code}")
        words = [typ]
        types.append(typ.decode("ascii", "replace"))
        for _ in range(r.byte()):  # argument count
            flag_and_length = r.uint16()
            arg = r.take(flag_and_length & 0x7FFF)  # low 15 bits: stored length
            words.append(b64(arg) if flag_and_length & 0x8000 else arg)  # top bit: decoded
        out += b"-> " + b" ".join(words) + b"\n"
        body = b64(r.take(r.uint16()))
        # Lines of 64 characters; the last is shorter (empty when len % 64 == 0).
        for i in range(0, len(body) - len(body) % 64, 64):
            out += body[i:i + 64] + b"\n"
        out += body[len(body) - len(body) % 64:] + b"\n"
    out += b"--- " + b64(r.take(32)) + b"\n"  # the header MAC
    return out + r.take(r.uint16()), types  # the binary payload


# Section 6. Ed25519 (RFC 8032), short and not constant time ------------------
# Only the set public key is computed here from secret data (the integrity
# check); on a machine you trust for the secret, that is fine.

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493  # the group order
D = -121665 * pow(121666, P - 2, P) % P


def point_add(p1, p2):
    """Add points in extended coordinates (X, Y, Z, T) (RFC 8032 section 5.1.4)."""
    x1, y1, z1, t1 = p1
    x2, y2, z2, t2 = p2
    a, b = (y1 - x1) * (y2 - x2) % P, (y1 + x1) * (y2 + x2) % P
    c, d = 2 * t1 * t2 * D % P, 2 * z1 * z2 % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def point_mul(s, p):
    q = (0, 1, 1, 0)  # the neutral element
    while s > 0:
        if s & 1:
            q = point_add(q, p)
        p = point_add(p, p)
        s >>= 1
    return q


def point_encode(p):
    zinv = pow(p[2], P - 2, P)
    x, y = p[0] * zinv % P, p[1] * zinv % P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def point_decode(b):
    """Decode a point (RFC 8032 section 5.1.3); None if b is not one."""
    y = int.from_bytes(b, "little")
    sign, y = y >> 255, y & ((1 << 255) - 1)
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * pow(2, (P - 1) // 4, P) % P
    if (x * x - x2) % P != 0 or (x == 0 and sign):
        return None
    if x & 1 != sign:
        x = P - x
    return (x, y, 1, x * y % P)


B = point_decode((4 * pow(5, P - 2, P) % P).to_bytes(32, "little"))  # the base point


def ed25519_public_key(seed):
    """The public key of a 32-byte seed (RFC 8032 section 5.1.5)."""
    a = int.from_bytes(hashlib.sha512(seed).digest()[:32], "little")
    a = a & ((1 << 254) - 8) | (1 << 254)  # clamp
    return point_encode(point_mul(a, B))


def ed25519_verify(public_key, message, signature):
    """Verify a signature (RFC 8032 section 5.1.7): [S]B = R + [h]A."""
    a, r = point_decode(public_key), point_decode(signature[:32])
    s = int.from_bytes(signature[32:], "little")
    if a is None or r is None or s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little")
    return point_encode(point_mul(s, B)) == point_encode(point_add(r, point_mul(h % L, a)))


def signature_ok(s):
    """The share signature: over "quorum share v1\\n" || body without its last 64 bytes."""
    return ed25519_verify(s.set_key, b"quorum share v1\n" + s.signed, s.signature)


def fingerprint(set_key):
    """First 28 symbols of base32(SHA-256(set public key)), in groups of four."""
    f = b32encode(hashlib.sha256(set_key).digest())[:28]
    return " ".join(f[i:i + 4] for i in range(0, 28, 4))


def hkdf_sha256(ikm, salt, info, length=32):
    """HKDF-SHA-256 (RFC 5869): extract, then expand."""
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    okm, t = b"", b""
    for i in range(1, -(-length // 32) + 1):
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
    return okm[:length]


# Section 5. Shamir over GF(2^8), as HashiCorp Vault's shamir package ---------

def gf256_mul(a, b):
    """Multiply in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1."""
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0x100:
            a ^= 0x11B
    return product


def gf256_div(a, b):
    inverse = 1
    for _ in range(254):  # b^254 = 1/b, as b^255 = 1
        inverse = gf256_mul(inverse, b)
    return gf256_mul(a, inverse)


def interpolate_at_zero(payloads):
    """Payloads are {y1 .. yL, x}; return the L bytes of the polynomials at x = 0."""
    xs = [p[-1] for p in payloads]
    # Lagrange: f(0) = sum of y_i * prod over j != i of (0 - x_j) / (x_i - x_j),
    # and in GF(2^8) subtraction is XOR. The factors depend only on the x's.
    factors = []
    for i, xi in enumerate(xs):
        f = 1
        for j, xj in enumerate(xs):
            if j != i:
                f = gf256_mul(f, gf256_div(xj, xi ^ xj))
        factors.append(f)
    out = bytearray(len(payloads[0]) - 1)
    for p, f in zip(payloads, factors):
        for pos in range(len(out)):
            out[pos] ^= gf256_mul(p[pos], f)
    return bytes(out)


def check_payload(payload, path):
    """A payload is y1 .. yL || x, L = padded secret (2 + 64m) + set seed (32)."""
    if payload.startswith((b"age-encryption.org/", b"-----BEGIN AGE")):
        raise Fail(f"{path}: this is still an age file: decrypt it first, with age -d -i KEY")
    m, rest = divmod(len(payload) - 35, 64)
    if rest or not 1 <= m <= 16:
        raise Fail(f"{path}: {len(payload)} bytes is not the length of a payload (99, 163, ...)")
    return payload


# Section 12. Opening a share with stock age, the payload kept in a pipe -------

IDENTITY_MARKS = (b"AGE-SECRET-KEY-", b"AGE-PLUGIN-", b"PRIVATE KEY-----")


def age_version(program):
    """The (major, minor) of an age program, or None if it does not say."""
    try:
        out = subprocess.run([program, "--version"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL).stdout
    except OSError:
        raise Fail(f"{program} is not installed: stock age opens the shares "
                   "(age-encryption.org; 1.3 or later for post-quantum ones)") from None
    m = re.match(rb"v?(\d+)\.(\d+)", out.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def run_age(program, s, identity):
    """Run AGE -d [-i IDENTITY] on the share's age file, given on standard
    input; return the payload it writes to the pipe, or None and age's words.

    A passphrase is asked by age itself, on the terminal (identity None).
    """
    args = [program, "-d"] + (["-i", identity] if identity else [])
    try:
        p = subprocess.run(args, input=s.age, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise Fail(f"{program}: {e.strerror}") from None
    words = p.stderr.decode("utf-8", "replace").strip()
    return (p.stdout, words) if p.returncode == 0 else (None, words)


def who(s):
    return f"share {s.index} ({s.custodian}, {KINDS[s.kind]})"


def open_share(program, version, shares, i, key):
    """The payload of shares[i][1], opened with key (an identity file or
    --passphrase). If the key does not open it but opens another share given,
    name that share: the keys were given in the wrong custodians' places."""
    path, s = shares[i]
    if "mlkem768x25519" in s.stanza_types and version is not None and version < (1, 3):
        raise Fail(f"{path}: {who(s)} is post-quantum: it opens with age 1.3 or later, "
                   f"and {program} is {version[0]}.{version[1]}; give another with --age")
    payload, words = run_age(program, s, None if key == "--passphrase" else key)
    if payload is not None:
        return check_payload(payload, f"{path}: what age -d wrote")
    if key != "--passphrase":
        for j, (other_path, other) in enumerate(shares):
            if j != i and other.kind != 5 and run_age(program, other, key)[0] is not None:
                raise Fail(f"{key} is the key of {who(other)} ({other_path}), but it was given "
                           f"in the place of {who(s)} ({path}): give each share with its own "
                           "custodian's key")
    raise Fail(f"{path}: age could not open {who(s)} with "
               f"{'the passphrase typed' if key == '--passphrase' else key}"
               f"{': ' + words if words else ''}")


def read_key(path):
    """What KEY is: "passphrase", "identity" or the payload's bytes."""
    if path == "--passphrase":
        return "passphrase"
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 20)
    except OSError as e:
        raise Fail(f"{path}: {e.strerror}") from None
    if any(mark in data for mark in IDENTITY_MARKS):
        if path.startswith("/dev/fd/") or path.startswith("/proc/"):
            raise Fail(f"{path}: give an identity as a file: age reads it again")
        return "identity"
    if data.startswith((b"ssh-", b"age1", b"ecdsa-")):
        raise Fail(f"{path}: this is a public key (a recipient): give the custodian's "
                   "private key or identity file")
    return check_payload(data, path)


def combine(share_paths, key_paths, program="age"):
    shares = [read_share(p) for p in share_paths]
    first = shares[0]
    seen = {}
    for path, s in zip(share_paths, shares):
        if s.set_key != first.set_key:
            raise Fail(f"{path} is of set {fingerprint(s.set_key)}, "
                       f"{share_paths[0]} of set {fingerprint(first.set_key)}")
        if (s.k, s.n) != (first.k, first.n):
            raise Fail(f"{path} and {share_paths[0]} disagree on k or n")
        if s.index in seen:
            raise Fail(f"{path} and {seen[s.index]} are both share {s.index}")
        seen[s.index] = path
        if not signature_ok(s):  # section 10: the signature before anything else
            raise Fail(f"{path}: the share's signature is INVALID: it was altered or forged")
    if len(shares) < first.k:
        raise Fail(f"too few shares: {len(shares)} given, set {fingerprint(first.set_key)} "
                   f"needs {first.k} of its {first.n}")
    keys = [read_key(p) for p in key_paths]
    version = None
    if any(k in ("identity", "passphrase") for k in keys):
        version = age_version(program)
    pairs = list(zip(share_paths, shares))
    payloads = []
    for i, (path, key) in enumerate(zip(key_paths, keys)):
        if isinstance(key, bytes):
            payloads.append(key)
        else:
            payloads.append(open_share(program, version, pairs, i, path))
    if len({len(p) for p in payloads}) != 1:
        raise Fail("the payloads are not all the same length: they are not of one set")
    xs = {}
    for path, p in zip(key_paths, payloads):
        if p[-1] == 0:
            raise Fail(f"{path}: the payload's x-coordinate (its last byte) is 0: it is damaged")
        if p[-1] in xs:
            raise Fail(f"{path} and {xs[p[-1]]} give the same payload (same x-coordinate)")
        xs[p[-1]] = path
    # Which payload came with which share does not matter to the interpolation;
    # a payload of another set, or a damaged one, fails the integrity check.
    split_input = interpolate_at_zero(payloads)
    padded, seed = split_input[:-32], split_input[-32:]  # the last 32 bytes: set seed
    # Section 6, the integrity check: the set key rebuilt must be the set's.
    key_seed = hkdf_sha256(padded, seed, b"quorum set key v1")
    if not hmac.compare_digest(ed25519_public_key(key_seed), first.set_key):
        raise Fail("INTEGRITY CHECK FAILED: the rebuilt secret does not match the set key; "
                   "a payload is wrong or belongs to another share. Nothing was written.")
    # Section 5: uint16 length || secret || zero bytes.
    n = int.from_bytes(padded[:2], "big")
    if not 1 <= n <= len(padded) - 2 or any(padded[2 + n:]):
        raise Fail("the rebuilt padded secret is malformed (bad length or padding)")
    print(f"recover.py: integrity check passed for set {fingerprint(first.set_key)}; "
          "compare it with the ceremony record", file=sys.stderr)
    return padded[2:2 + n]


# Commands ------------------------------------------------------------------------

def cmd_check(path):
    try:
        rows = read_lines(path)
        if not rows[0][0].isdecimal():
            print(f"{path}: no numbered lines; a share or part string has no line checks")
            return
        check_lines(rows)
    except Fail as e:
        raise Fail(f"{path}: {e}") from None
    except OSError as e:
        raise Fail(f"{path}: {e.strerror}") from None
    print(f"{path}: all {len(rows)} lines check")


def cmd_inspect(path):
    s = read_share(path)
    ok = signature_ok(s)
    print(f"set fingerprint  {fingerprint(s.set_key)}")
    print(f'label            "{s.label}"')
    print(f"index            {s.index}")
    print(f"threshold (k)    {s.k}")
    print(f"shares (n)       {s.n}")
    print(f"created          {s.created.isoformat()}")
    print(f"recipient kind   {KINDS[s.kind]}")
    print(f"custodian        {s.custodian}")
    print("signature        " + ("valid (made with the set key; compare the fingerprint with "
                                 "the ceremony record)" if ok else "INVALID"))
    if not ok:
        raise Fail(f"{path}: the share's signature is INVALID: it was altered or forged")


def cmd_age(path):
    s = read_share(path)
    if not signature_ok(s):  # section 10: a forged share never reaches age
        raise Fail(f"{path}: the share's signature is INVALID: it was altered or forged")
    if sys.stdout.isatty():
        raise Fail("the age file is binary: redirect it, recover.py age SHARE > share.age")
    sys.stdout.buffer.write(s.age)


def main(argv):
    cmd, args = (argv[1], argv[2:]) if len(argv) > 1 else ("", [])
    program = "age"
    if cmd == "combine" and args[:1] == ["--age"] and len(args) > 1:
        program, args = args[1], args[2:]
    try:
        if cmd in ("check", "inspect", "age") and len(args) == 1:
            {"check": cmd_check, "inspect": cmd_inspect, "age": cmd_age}[cmd](args[0])
        elif cmd == "combine" and "--payloads" in args:  # FORMAT.md section 12
            i = args.index("--payloads")
            if i == 0 or len(args) != 2 * i + 1:
                raise Fail("combine: give as many payloads after --payloads as shares before")
            sys.stdout.buffer.write(combine(args[:i], args[i + 1:], program))
        elif cmd == "combine" and args and len(args) % 2 == 0:
            sys.stdout.buffer.write(combine(args[0::2], args[1::2], program))
        else:
            sys.stderr.write(__doc__)
            return 0 if cmd in ("-h", "--help", "help") else 1
    except Fail as e:
        print(f"recover.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
