package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"

	"quorum/internal/sss"
	"quorum/internal/testtool"
	"quorum/seal"
	"quorum/share"
)

// TestNoSecretOnDisk runs every command on a recognizable secret, under a
// fresh HOME, TMPDIR and working folder, typing passphrases on a terminal
// as custodians do: keygen (protected and not), split (secret piped,
// passphrase custodians typed and generated; --generate shown on the
// terminal), combine (to a pipe, to -o FILE, shown on the terminal),
// inspect (--age too), print, runbook, demo and version; it fails if quorum has a
// command it does not run. Then it reads every file under the
// three folders and fails if any holds, raw or in hex, base64 or base32,
// the secret, a generated password, a passphrase, an identity's secret
// key, a decrypted payload, the set seed or the set key, except the one
// file the user named to hold the secret (combine -o).
//
// The payloads are opened by the test itself, bob's with stock age; the
// set seed and set key are rebuilt from them as FORMAT.md §6 says, so the
// test knows the values that quorum never shows.
func TestNoSecretOnDisk(t *testing.T) {
	bin := buildQuorum(t)
	root := t.TempDir()
	home, tmp, work := filepath.Join(root, "home"), filepath.Join(root, "tmp"), filepath.Join(root, "work")
	for _, d := range []string{home, tmp, work} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"HOME=" + home, "TMPDIR=" + tmp, "PATH=" + os.Getenv("PATH")}
	o := ttyOptions{dir: work, env: env}
	secret := "QUORUM-DISK-CANARY-" + randomHex(8)
	// Long enough to pass the strength estimate whatever the random part.
	alicePass := "alice identity canary " + randomHex(10)
	davePass := "dave share canary " + randomHex(10)
	var needles [][]byte // every value that must stay off the disk

	// keygen: alice protects her identity, bob does not.
	p := startTTY(t, bin, o, "keygen", "-o", "alice.key")
	p.answer("passphrase to protect the new identity", alicePass)
	p.answer("the same passphrase again:", alicePass)
	p.mustSucceed()
	runQuorum(t, bin, work, env, nil, "keygen", "--no-passphrase", "-o", "bob.key")
	aliceKey := decryptIdentityFile(t, filepath.Join(work, "alice.key"), alicePass)
	needles = append(needles, []byte(alicePass), []byte(davePass), []byte(secret), aliceKey)
	writeTestFile(t, filepath.Join(work, "custodians.txt"), "alice "+recipientOfKey(t, aliceKey)+"\nbob "+
		publicKey(t, filepath.Join(work, "bob.key"))+"\ndave passphrase\nerin passphrase\n")
	writeTestFile(t, filepath.Join(work, "plain.txt"), "alice "+recipientOfKey(t, aliceKey)+"\nbob "+
		publicKey(t, filepath.Join(work, "bob.key"))+"\n")

	// split, the secret piped; dave types a passphrase, erin gets one.
	p = startTTY(t, bin, ttyOptions{dir: work, env: env, stdin: strings.NewReader(secret)},
		"split", "-k", "2", "-c", "custodians.txt", "-l", "disk canary", "-o", "set")
	p.answer("dave, type a passphrase for share 3 of 4", davePass)
	p.answer("dave, the same passphrase again:", davePass)
	p.answer("erin, type a passphrase for share 4 of 4", "")
	p.expect("Press Enter when it is written down, to erase it from the screen. ")
	erinPass := capture(t, p.seen.String(), `keep it apart from the sheet\.[^\n]*\n[^\n]*\n\s+([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})\s`)
	p.typ("\n")
	p.answer("erin, type the passphrase from your paper", erinPass)
	p.mustSucceed()
	needles = append(needles, []byte(erinPass))

	// split --generate, the password shown on the terminal.
	p = startTTY(t, bin, o, "split", "-k", "2", "--allow-all-required", "-c", "plain.txt", "-o", "gen", "--generate")
	p.expect("Press Enter when it is set")
	generated := capture(t, p.seen.String(), `bits\), which it holds, shown once:\s+(\S+)\s`)
	p.typ("\n")
	p.mustSucceed()
	needles = append(needles, []byte(generated))

	// combine: to a pipe, to a file, and on the terminal.
	p = startTTY(t, bin, o, "combine", "-m", "set/manifest.json", "-i", "alice.key", "set/1-alice.share", "set/3-dave.share")
	p.answer(`passphrase for identity file "alice.key"`, alicePass)
	p.answer("passphrase for share 3 of 4 (dave)", davePass)
	p.mustSucceed()
	if p.stdout.String() != secret {
		t.Fatalf("combine gave %q, want the secret", p.stdout.String())
	}
	p = startTTY(t, bin, o, "combine", "-m", "set/manifest.json", "-i", "bob.key", "-o", "out.txt", "set/2-bob.share", "set/4-erin.share")
	p.answer("passphrase for share 4 of 4 (erin)", erinPass)
	p.mustSucceed()
	p = startTTY(t, bin, ttyOptions{dir: work, env: env, stdoutTTY: true}, "combine", "-i", "bob.key", "set/2-bob.share", "set/4-erin.share")
	p.answer("passphrase for share 4 of 4 (erin)", erinPass)
	p.expect("Press Enter to erase it from the screen. ")
	p.typ("\n")
	p.mustSucceed()

	// inspect, print, demo: public data only.
	runQuorum(t, bin, work, env, nil, "inspect", "-m", "set/manifest.json", "set/1-alice.share", "set/2-bob.share")
	runQuorum(t, bin, work, env, nil, "inspect", "--json", "set/3-dave.share", "gen/manifest.json")
	bobAge := runQuorum(t, bin, work, env, nil, "inspect", "--age", "set/2-bob.share")
	runQuorum(t, bin, work, env, nil, "print", "-m", "set/manifest.json", "-o", "again.pdf", "set/1-alice.share")
	runQuorum(t, bin, work, env, nil, "demo")
	runQuorum(t, bin, work, env, nil, "version")
	runQuorum(t, bin, work, env, nil, "completion", "bash")

	// verify, drill, combine --log and reshare: the secret is
	// rebuilt in memory by the last three, and must reach no file, the
	// access log, the drill report, standard output or standard error,
	// or the terminal (combine's reveal to the pipe aside).
	var said [][]byte
	said = append(said, runQuorum(t, bin, work, env, nil, "verify", "-m", "set/manifest.json", "-i", "bob.key", "--log", "access.log", "set/2-bob.share"))
	p = startTTY(t, bin, o, "drill", "-m", "set/manifest.json", "--log", "access.log", "--operator", "olivia", "--witness", "walter",
		"-i", "bob.key", "--report", "drill.pdf", "set/2-bob.share", "set/4-erin.share")
	p.answer("passphrase for share 4 of 4 (erin)", erinPass)
	p.mustSucceed()
	said = append(said, p.stdout.Bytes(), p.stderr.Bytes(), p.seen.Bytes())
	p = startTTY(t, bin, o, "combine", "-m", "set/manifest.json", "-i", "bob.key", "--log", "access.log", "--reason", "quarterly root sign-in",
		"--report", "reveal.pdf", "set/2-bob.share", "set/4-erin.share")
	p.answer("passphrase for share 4 of 4 (erin)", erinPass)
	p.mustSucceed()
	if p.stdout.String() != secret {
		t.Fatalf("combine --log gave %q, want the secret", p.stdout.String())
	}
	said = append(said, p.stderr.Bytes(), p.seen.Bytes())
	p = startTTY(t, bin, o, "reshare", "-m", "set/manifest.json", "-i", "bob.key", "-k", "2", "--allow-all-required", "-c", "plain.txt",
		"-o", "reshared", "--log", "access.log", "set/2-bob.share", "set/4-erin.share")
	p.answer("passphrase for share 4 of 4 (erin)", erinPass)
	p.mustSucceed()
	said = append(said, p.stdout.Bytes(), p.stderr.Bytes(), p.seen.Bytes())
	said = append(said, runQuorum(t, bin, work, env, nil, "record", "--log", "access.log", "-m", "set/manifest.json",
		"--event", "sheet-destroyed: shredded", "--share", "1", "--by", "alice"))
	said = append(said, runQuorum(t, bin, work, env, nil, "kit", "add", "sheets", "--kind", "sheet", "-m", "set/manifest.json",
		"--share", "all", "--place", "safe A", "--log", "access.log"))
	said = append(said, runQuorum(t, bin, work, env, nil, "kit", "list", "--log", "access.log"))
	said = append(said, runQuorum(t, bin, work, env, nil, "review", "-m", "set/manifest.json", "--log", "access.log",
		"--access", "email=alice,bob", "--access", "mfa=erin", "--access", "phone=frank"))
	// status may well find something due (the reshared set is 2-of-2):
	// what it prints is checked, not its verdict.
	status := exec.Command(bin, "status", "-m", "set/manifest.json", "-m", "reshared/manifest.json", "--log", "access.log")
	status.Dir, status.Env = work, env
	out, _ := status.CombinedOutput()
	if !bytes.Contains(out, []byte("SUPERSEDED")) {
		t.Errorf("status does not say the reshared set superseded the first:\n%s", out)
	}
	said = append(said, out)
	showLog := exec.Command(bin, "log", "access.log")
	showLog.Dir, showLog.Env = work, env
	out, err := showLog.CombinedOutput()
	if err != nil {
		t.Errorf("quorum log access.log: %v\n%s", err, out)
	}
	said = append(said, out)
	// A runbook, on paper and as text: public facts only.
	said = append(said, runQuorum(t, bin, work, env, nil, "runbook", "quarterly-test", "-m", "set/manifest.json", "--log", "access.log", "-o", "quarterly.pdf"),
		runQuorum(t, bin, work, env, nil, "runbook", "quarterly-test", "-m", "set/manifest.json", "--log", "access.log", "--format", "text"))
	said = append(said, runQuorum(t, bin, work, env, nil, "retire", "-m", "set/manifest.json", "--log", "access.log", "--reason", "superseded", "--yes"))
	for i, out := range said {
		if bytes.Contains(out, []byte(secret)) || bytes.Contains(out, []byte(erinPass)) {
			t.Errorf("output %d of verify, drill, combine --log or reshare holds the secret or a passphrase", i)
		}
	}
	// A command added later must be added here too.
	for _, c := range newRootCmd(systemIO()).Commands() {
		if !slices.Contains([]string{"keygen", "split", "combine", "inspect", "print", "demo", "version", "verify", "drill", "reshare", "record", "kit", "review", "status", "log", "completion", "runbook", "retire"}, c.Name()) {
			t.Errorf("quorum %s is not run by this test", c.Name())
		}
	}

	// The payloads, the set seed and the set key, opened here.
	for _, set := range []struct {
		dir    string
		secret string
		ids    []age.Identity
	}{
		{"set", secret, []age.Identity{
			x25519(t, aliceKey), x25519(t, readIdentity(t, filepath.Join(work, "bob.key"))),
			scrypt(t, davePass), scrypt(t, erinPass)}},
		{"gen", generated, []age.Identity{x25519(t, aliceKey), x25519(t, readIdentity(t, filepath.Join(work, "bob.key")))}},
		// The set reshare made: the same secret, a new set seed and set key.
		{"reshared", secret, []age.Identity{x25519(t, aliceKey), x25519(t, readIdentity(t, filepath.Join(work, "bob.key")))}},
	} {
		var payloads [][]byte
		files, _ := filepath.Glob(filepath.Join(work, set.dir, "*.share"))
		for _, f := range files {
			s := readShareFile(t, f)
			payload, err := seal.Open(s.Sealed, set.ids...)
			if err != nil {
				t.Fatalf("opening %s: %v", f, err)
			}
			payloads = append(payloads, payload)
		}
		if len(payloads) < 2 {
			t.Fatalf("%s has %d shares", set.dir, len(payloads))
		}
		input, err := sss.Combine(payloads)
		if err != nil {
			t.Fatal(err)
		}
		padded, seed, err := share.CutSplitInput(input)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := share.Unpad(padded); err != nil || string(got) != set.secret {
			t.Fatalf("the payloads of %s rebuild %q, want %q: the test's own rebuild is wrong", set.dir, got, set.secret)
		}
		setKey, err := share.SetKey(padded, seed)
		if err != nil {
			t.Fatal(err)
		}
		needles = append(needles, seed, setKey.Seed(), padded)
		needles = append(needles, payloads...)
	}
	// bob's payload once more, opened by stock age from inspect --age.
	if testtool.Have(t, "age") {
		cmd := exec.Command("age", "-d", "-i", filepath.Join(work, "bob.key"))
		cmd.Stdin = bytes.NewReader(bobAge)
		payload, err := cmd.Output()
		if err != nil {
			t.Fatalf("age -d: %v", err)
		}
		needles = append(needles, payload)
	}

	// Every file under HOME, TMPDIR and the working folder.
	named := map[string]bool{filepath.Join(work, "out.txt"): true}
	if b, _ := os.ReadFile(filepath.Join(work, "out.txt")); string(b) != secret {
		t.Fatalf("out.txt holds %q, want the secret", b)
	}
	files := 0
	for _, dir := range []string{home, tmp, work} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if d.IsDir() || named[path] {
				return nil
			}
			files++
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for i, n := range needles {
				for _, form := range encodings(n) {
					if bytes.Contains(data, form) {
						rel, _ := filepath.Rel(root, path)
						t.Errorf("%s holds secret value %d", rel, i)
					}
				}
			}
			return nil
		})
	}
	t.Logf("%d files checked for %d secret values", files, len(needles))
}

// encodings returns b raw, in hex (both cases), base64 and quorum's base32.
func encodings(b []byte) [][]byte {
	h := hex.EncodeToString(b)
	return [][]byte{b, []byte(h), []byte(strings.ToUpper(h)),
		[]byte(base64.StdEncoding.EncodeToString(b)), []byte(base64.RawStdEncoding.EncodeToString(b)),
		[]byte(share.EncodeBinary(b))}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func capture(t *testing.T, s, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %q in %q", re, s)
	}
	return m[1]
}

// decryptIdentityFile opens a passphrase-protected identity file as stock
// age would and returns its AGE-SECRET-KEY line.
func decryptIdentityFile(t *testing.T, file, pass string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(b)), scrypt(t, pass))
	if err != nil {
		t.Fatalf("decrypting %s: %v", file, err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return secretKeyLine(t, plain)
}

func readIdentity(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return secretKeyLine(t, b)
}

func secretKeyLine(t *testing.T, b []byte) []byte {
	t.Helper()
	m := regexp.MustCompile(`(?m)^AGE-SECRET-KEY-1[0-9A-Z]+$`).Find(b)
	if m == nil {
		t.Fatal("no AGE-SECRET-KEY line")
	}
	return m
}

func x25519(t *testing.T, key []byte) age.Identity {
	t.Helper()
	id, err := age.ParseX25519Identity(string(key))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func recipientOfKey(t *testing.T, key []byte) string {
	t.Helper()
	return x25519(t, key).(*age.X25519Identity).Recipient().String()
}

func scrypt(t *testing.T, pass string) age.Identity {
	t.Helper()
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func readShareFile(t *testing.T, file string) *share.Share {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	shares, _, err := share.Read(b)
	if err != nil || len(shares) != 1 {
		t.Fatalf("%s: %v", file, err)
	}
	return shares[0]
}
