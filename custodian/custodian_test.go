package custodian

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"quorum/share"
)

// Test keys, made once: Parse checks the form of a recipient, not its key.
var (
	ageA, ageB = newAge(), newAge()
	secretKey  = newSecretKey()
	sshA       = newSSH("alice@laptop")
	sshAOther  = strings.Replace(sshA, "alice@laptop", "alice@desktop", 1)
	hybrid     = "age1pq1" + strings.Repeat("q", 60)
	plugin     = "age1yubikey1q" + strings.Repeat("q", 50)
	rsaKey     = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 bob@box"
)

func newAge() string {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		panic(err)
	}
	return id.Recipient().String()
}

func newSecretKey() string {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		panic(err)
	}
	return id.String()
}

func newSSH(comment string) string {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	p, err := ssh.NewPublicKey(pub)
	if err != nil {
		panic(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(p))) + " " + comment
}

type want struct {
	name, recipient string
	kind            share.Kind
	line            int
}

var parseTests = []struct {
	name     string
	in       string
	want     []want
	wantLine int    // for errors: the line the error must name, 0 for a file-level error
	wantErr  string // a substring of the error
}{
	{
		name: "one of each kind",
		in: "alice " + ageA + "\n" +
			"bob " + sshA + "\n" +
			"carol " + hybrid + "\n" +
			"dave " + plugin + "\n" +
			"erin " + rsaKey + "\n" +
			"frank passphrase\n",
		want: []want{
			{"alice", ageA, share.KindX25519, 1},
			{"bob", sshA, share.KindSSHEd25519, 2},
			{"carol", hybrid, share.KindHybrid, 3},
			{"dave", plugin, share.KindPlugin, 4},
			{"erin", rsaKey, share.KindSSHRSA, 5},
			{"frank", "passphrase", share.KindPassphrase, 6},
		},
	},
	{
		name: "comments and blank lines keep line numbers",
		in:   "# custodians of root 2026\n\n   # indented comment\nalice " + ageA + "\n\n#bob " + ageB + "\ncarol " + ageB + "\n",
		want: []want{{"alice", ageA, share.KindX25519, 4}, {"carol", ageB, share.KindX25519, 7}},
	},
	{
		name: "trailing comments, as README.md's example writes them",
		in: "alice " + ageA + "   # alice@example\n" +
			"bob   " + sshA + " # on her laptop\n" +
			"dave  passphrase                    # dave types a passphrase during the ceremony\n" +
			"erin\t" + plugin + "\t# an age plugin\n",
		want: []want{
			{"alice", ageA, share.KindX25519, 1},
			{"bob", sshA, share.KindSSHEd25519, 2},
			{"dave", "passphrase", share.KindPassphrase, 3},
			{"erin", plugin, share.KindPlugin, 4},
		},
	},
	{
		name: "a # that follows no blank is not a comment",
		in:   "frank passphrase#dave\n", wantLine: 1, wantErr: "unknown recipient",
	},
	{
		name: "a comment right after the name leaves no recipient",
		in:   "alice # " + ageA + "\n", wantLine: 1, wantErr: "line 1: no recipient",
	},
	{
		name: "tabs and runs of spaces separate",
		in:   "alice\t" + ageA + "\nbob \t  " + ageB + "  \n\tcarol\tpassphrase\t\n",
		want: []want{{"alice", ageA, share.KindX25519, 1}, {"bob", ageB, share.KindX25519, 2}, {"carol", "passphrase", share.KindPassphrase, 3}},
	},
	{
		name: "CRLF line endings",
		in:   "alice " + ageA + "\r\nbob passphrase\r\n",
		want: []want{{"alice", ageA, share.KindX25519, 1}, {"bob", "passphrase", share.KindPassphrase, 2}},
	},
	{
		name: "no final newline",
		in:   "alice " + ageA,
		want: []want{{"alice", ageA, share.KindX25519, 1}},
	},
	{
		name: "passphrase custodians may repeat the word",
		in:   "alice passphrase\nbob passphrase\ncarol passphrase\n",
		want: []want{{"alice", "passphrase", share.KindPassphrase, 1}, {"bob", "passphrase", share.KindPassphrase, 2}, {"carol", "passphrase", share.KindPassphrase, 3}},
	},
	{
		name: "names with letters, digits, dots, underscores, dashes",
		in:   "alice.b_c-1 " + ageA + "\nZoë " + ageB + "\n",
		want: []want{{"alice.b_c-1", ageA, share.KindX25519, 1}, {"Zoë", ageB, share.KindX25519, 2}},
	},
	{
		name: "an SSH key keeps its comment, spaces and all",
		in:   "bob " + sshA + " and more words\n",
		want: []want{{"bob", sshA + " and more words", share.KindSSHEd25519, 1}},
	},

	{name: "empty file", in: "", wantErr: "no custodians"},
	{name: "only comments", in: "# nobody yet\n\n", wantErr: "no custodians"},
	{name: "duplicate name", in: "alice " + ageA + "\nbob passphrase\nalice " + ageB + "\n", wantLine: 3, wantErr: "this name is the one on line 1"},
	{name: "duplicate name, passphrase", in: "alice passphrase\nalice passphrase\n", wantLine: 2, wantErr: "the one on line 1"},
	{name: "duplicate age recipient", in: "alice " + ageA + "\n\nbob " + ageA + "\n", wantLine: 3, wantErr: "already on line 1"},
	{name: "same SSH key with another comment", in: "alice " + sshA + "\nbob " + sshAOther + "\n", wantLine: 2, wantErr: "recipient of bob is already on line 1"},
	{name: "same SSH key without a comment", in: "alice " + sshA + "\nbob " + strings.Join(strings.Fields(sshA)[:2], " ") + "\n", wantLine: 2, wantErr: "already on line 1"},
	{name: "secret key pasted", in: "alice " + ageA + "\nbob " + secretKey + "\n", wantLine: 2, wantErr: "secret key"},
	{name: "plugin identity pasted", in: "bob AGE-PLUGIN-YUBIKEY-1QQQQQQ\n", wantLine: 1, wantErr: "secret key"},
	{name: "look-alike names", in: "alice " + ageA + "\nаӏісе " + ageB + "\n", wantLine: 2, wantErr: "looks like it"},
	{name: "look-alike names in another case", in: "Bob " + ageA + "\nbob " + ageB + "\n", wantLine: 2, wantErr: "the one on line 1"},
	{name: "name mixing scripts", in: "аlice " + ageA + "\n", wantLine: 1, wantErr: "mixes letters of different scripts"},
	{name: "name with a right-to-left override", in: "bob\u202eecila " + ageA + "\n", wantLine: 1, wantErr: "only letters"},
	{name: "name with a zero-width space", in: "al\u200bice " + ageA + "\n", wantLine: 1, wantErr: "only letters"},
	{name: "no recipient", in: "alice " + ageA + "\nbob\n", wantLine: 2, wantErr: "no recipient; write NAME RECIPIENT"},
	{name: "no recipient, trailing blanks", in: "bob \t \n", wantLine: 1, wantErr: "no recipient; write NAME RECIPIENT"},
	{name: "unknown recipient", in: "alice hunter2\n", wantLine: 1, wantErr: "unknown recipient: want age1…"},
	{name: "passphrase with a trailing word", in: "alice passphrase please\n", wantLine: 1, wantErr: "line 1: text after the word passphrase: write the word alone, and a comment after #"},
	{name: "passphrase and a word never says it wants the word", in: "dave  passphrase   dave types\n", wantLine: 1, wantErr: "text after the word passphrase"},
	{name: "recipient in upper case", in: "alice " + strings.ToUpper(ageA) + "\n", wantLine: 1, wantErr: "unknown recipient"},
	{name: "ecdsa SSH key", in: "alice ecdsa-sha2-nistp256 AAAAE2VjZHNh x@y\n", wantLine: 1, wantErr: "unknown recipient"},
	{name: "name starts with a dot", in: ".alice " + ageA + "\n", wantLine: 1, wantErr: "starts with"},
	{name: "name starts with a dash", in: "# x\n-alice " + ageA + "\n", wantLine: 2, wantErr: "starts with"},
	{name: "name with a slash", in: "al/ice " + ageA + "\n", wantLine: 1, wantErr: "only letters"},
	{name: "name with a colon", in: "al:ice " + ageA + "\n", wantLine: 1, wantErr: "only letters"},
	{name: "name with a combining mark", in: "zoe\u0308 " + ageA + "\n", wantLine: 1, wantErr: "only letters"},
	{name: "name too long", in: strings.Repeat("a", 65) + " " + ageA + "\n", wantLine: 1, wantErr: "limit is 64"},
	{name: "byte order mark", in: "\ufeffalice " + ageA + "\n", wantLine: 1, wantErr: "only letters"},
	{name: "not UTF-8", in: "alice " + ageA + "\nb\xffob passphrase\n", wantLine: 2, wantErr: "not valid UTF-8"},
	{name: "line too long", in: "alice " + ageA + "\nbob ssh-rsa " + strings.Repeat("A", 17<<10) + "\n", wantLine: 2, wantErr: "too long"},
	{name: "too many custodians", in: manyCustodians(256), wantErr: "the limit is 255"},
	{name: "file too large", in: strings.Repeat("#\n", 1<<19+1), wantErr: "larger than 1 MiB"},
}

func manyCustodians(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("c")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i/26%26)))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(" passphrase\n")
	}
	return b.String()
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("got %d custodians, want an error with %q", len(got), tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("got %q, want an error with %q", err, tt.wantErr)
				}
				var le *LineError
				switch {
				case tt.wantLine == 0 && errors.As(err, &le):
					t.Errorf("got a LineError on line %d, want a file-level error", le.Line)
				case tt.wantLine != 0 && !errors.As(err, &le):
					t.Errorf("got %T %q, want a *LineError on line %d", err, err, tt.wantLine)
				case tt.wantLine != 0 && le.Line != tt.wantLine:
					t.Errorf("got line %d, want line %d (%v)", le.Line, tt.wantLine, err)
				case tt.wantLine != 0 && !strings.HasPrefix(err.Error(), "line "):
					t.Errorf("error %q does not start with its line", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("got %v, want %d custodians", err, len(tt.want))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d custodians, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Name != w.name || g.Recipient != w.recipient || g.Kind != w.kind || g.Line != w.line {
					t.Errorf("custodian %d: got {%s %q %v line %d}, want {%s %q %v line %d}",
						i+1, g.Name, g.Recipient, g.Kind, g.Line, w.name, w.recipient, w.kind, w.line)
				}
			}
		})
	}
}

// TestParseNeverQuotesASecretKey: a custodians file is often made by
// pasting, and an identity file's key line pasted alone, or in lower case
// (which age accepts), must not be echoed into an error message, a log or
// a terminal scrollback (STYLE.md, "Errors").
func TestParseNeverQuotesASecretKey(t *testing.T) {
	lower := strings.ToLower(secretKey)
	for _, tt := range []struct{ name, in string }{
		{"after a name", "bob " + secretKey + "\n"},
		{"after a bad name", "b/ob " + secretKey + "\n"},
		{"alone on its line", "alice " + ageA + "\n" + secretKey + "\n"},
		{"in lower case after a name", "bob " + lower + "\n"},
		{"an identity file pasted whole", "# created: 2026-11-26T00:00:00Z\n# public key: " + ageA + "\n" + secretKey + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatal("Parse accepted a secret key")
			}
			if strings.Contains(strings.ToUpper(err.Error()), "SECRET-KEY-1") {
				t.Fatalf("the error quotes the secret key: %s", err)
			}
		})
	}
}

func TestKeyAndFingerprint(t *testing.T) {
	cs, err := Parse([]byte("alice " + sshA + "\nbob " + ageA + "\ncarol passphrase\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		c       Custodian
		key     string
		emptyFP bool
	}{
		{cs[0], strings.Join(strings.Fields(sshA)[:2], " "), false},
		{cs[1], ageA, false},
		{cs[2], "passphrase", true},
	} {
		if got := tt.c.Key(); got != tt.key {
			t.Errorf("%s: Key() = %q, want %q", tt.c.Name, got, tt.key)
		}
		fp := tt.c.Fingerprint()
		if tt.emptyFP != (fp == "") {
			t.Errorf("%s: Fingerprint() = %q", tt.c.Name, fp)
		}
		if !tt.emptyFP && len(fp) != 16 {
			t.Errorf("%s: Fingerprint() = %q, want 16 symbols", tt.c.Name, fp)
		}
	}
	// The comment is not part of the recipient fingerprint.
	other := Custodian{Recipient: sshAOther, Kind: share.KindSSHEd25519}
	if other.Fingerprint() != cs[0].Fingerprint() {
		t.Errorf("the SSH comment changes the recipient fingerprint")
	}
}

// FuzzParseCustodians: Parse never panics; what it accepts keeps its
// promises (valid unique names, known kinds, unique keys, increasing line
// numbers); a line error names a line that exists.
func FuzzParseCustodians(f *testing.F) {
	seeds := 0
	for _, tt := range parseTests {
		if len(tt.in) < 4096 {
			f.Add([]byte(tt.in))
			seeds++
		}
	}
	if seeds == 0 {
		f.Fatal("no seeds")
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cs, err := Parse(data)
		if err != nil {
			var le *LineError
			if errors.As(err, &le) && (le.Line < 1 || le.Line > strings.Count(string(data), "\n")+1) {
				t.Fatalf("error names line %d of a %d-line file: %v", le.Line, strings.Count(string(data), "\n")+1, err)
			}
			return
		}
		names, keys := map[string]bool{}, map[string]bool{}
		last := 0
		for _, c := range cs {
			if err := share.ValidateCustodian(c.Name); err != nil {
				t.Fatalf("accepted %q: %v", c.Name, err)
			}
			if !c.Kind.Valid() {
				t.Fatalf("accepted kind %d", c.Kind)
			}
			if names[c.Name] {
				t.Fatalf("accepted %q twice", c.Name)
			}
			names[c.Name] = true
			if c.Kind != share.KindPassphrase {
				if keys[c.Key()] {
					t.Fatalf("accepted recipient %q twice", c.Key())
				}
				keys[c.Key()] = true
			}
			if c.Line <= last {
				t.Fatalf("line numbers do not increase: %d after %d", c.Line, last)
			}
			last = c.Line
		}
	})
}
