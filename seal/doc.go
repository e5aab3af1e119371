// Package seal seals share payloads to custodians with age
// (https://age-encryption.org/v1, the format of C2SP age) and opens them
// again. [Seal] writes the binary age file that FORMAT.md §4 stores in a
// share; rebuilt from the share, stock `age -d` opens it.
//
// A payload is sealed to one recipient, as [ParseRecipient] reads the
// custodians file: an age X25519 key (age1…), a post-quantum hybrid key
// (age1pq1…), an SSH ed25519 or RSA public key, an age plugin (age1name1…),
// or a passphrase ([PassphraseRecipient]). [Open] takes identities as stock
// age reads `-i FILE` ([ParseIdentities]: plain, passphrase-encrypted or SSH
// keys), plus [PassphraseIdentity], which asks for a passphrase only for a
// share sealed to one.
//
// # Key management
//
// [NewIdentity], [IdentityFile] and [EncryptIdentity] make what
// `quorum keygen` writes: the file age-keygen writes, optionally encrypted
// with a passphrase exactly as `age -p -a` would, so that stock age can use
// it without quorum.
//
// # Passphrases
//
// A sealed share lets whoever holds its sheet guess a passphrase offline,
// as fast as they can run scrypt. The work factor (2^18, as `age -p`) slows
// each guess to about a second; the passphrase must do the rest, hence
// [CheckPassphrase] and [GeneratePassphrase].
//
// # Hardware keys
//
// A custodian whose key is on a hardware token is an age plugin recipient
// (age1name1…), sealed and opened by the program age-plugin-name found on
// PATH, through age's plugin protocol. Everything the plugin asks or shows
// goes through the [PluginUI]: a PIN is read hidden, a confirmation is put
// to the person and never answered for them, the plugin's text is
// filtered. A plugin that fails after asking a secret (a wrong PIN) is run
// again, up to three times; every other failure is a [*PluginError] that
// says how it failed.
//
// # What it does not protect
//
// The kind of key a share is sealed to is public (age's stanza types), and
// an SSH stanza names a 4-byte fingerprint of the custodian's key. Wiping
// secrets is best effort: age's API takes passphrases and keys as strings,
// and Go's collector copies memory.
//
// The package never prints, prompts or reads files: what needs the user
// comes in through a [Prompter], or a [PluginUI] built by the caller around
// a [Person], which is the one way an age plugin (a hardware key) talks to
// the user; files come in as bytes.
package seal
