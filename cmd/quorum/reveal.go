package main

import "quorum/ceremony"

// revelation is ceremony.Revelation, for split and its generated
// passphrases, which still reveal from cmd.
type revelation struct {
	what, before string
	secret       []byte
	after        string
	prompt, then string
}

func reveal(streams *IOStreams, r revelation) error {
	return ceremony.Reveal(streams.env().UI, ceremony.Revelation{What: r.what, Before: r.before,
		Secret: r.secret, After: r.after, Prompt: r.prompt, Then: r.then})
}
