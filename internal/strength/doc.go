// Package strength estimates how many guesses an attacker who knows how
// people choose passphrases needs to find one: the model of zxcvbn
// (Wheeler, "zxcvbn: Low-Budget Password Strength Estimation", USENIX
// Security 2016), made smaller and more cautious.
//
// A passphrase is explained as a sequence of pieces, each priced in
// guesses: a token of an embedded ranked list (common passwords, English
// words, names; in any case, reversed or with l33t substitutions) costs its
// rank; a keyboard walk on a QWERTY keyboard ("qwertyuiop", "1qaz") costs
// what enumerating walks of its length and turns costs; a run ("abcd",
// "8642") costs a few guesses a character; a piece repeated ("abab",
// "passwordpassword") costs its unit once, times the repeats; a year costs
// its distance from today. A character that no piece explains costs the
// size of its class: 10 for a digit, 26 for a letter, 33 for ASCII
// punctuation, 100 for anything else. The estimate is the cheapest
// explanation: the product of its pieces' guesses, found by dynamic
// programming over every split.
//
// Unlike zxcvbn, nothing is added for the number of pieces (zxcvbn adds
// 10000^(pieces-1), which makes any six common words or dates score above
// 2^66): an attacker who tries two-to-six-piece combinations of likely
// pieces pays little for the structure, and the estimate is for a bar of
// 2^64 guesses, far above the scores zxcvbn was tuned for.
//
// What it does not know: a passphrase taken from a book, a song or the
// person's life is weak whatever it scores, and the lists are English. It
// can only refuse the patterns it knows; it cannot prove a passphrase
// strong. A generated passphrase is.
package strength
