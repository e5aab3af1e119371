package ceremony

import (
	"fmt"

	"quorum/accesslog"
	"quorum/kit"
)

// Count says n things: "1 sheet", "2 sheets".
func Count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// CheckWords checks what a person typed for flag before it goes into the
// access log: one line of text as the log holds it (accesslog.CheckText:
// UTF-8, no control character, not too long), and no phone number
// (kit.PhoneNumberIn: the guidance keeps the account's number on its
// contact page only). The error names the flag; "" is fine.
func CheckWords(flag, text string) error {
	if err := accesslog.CheckText(text); err != nil {
		return usagef("--%s %v", flag, err)
	}
	if kit.PhoneNumberIn(text) {
		return usagef("--%s %s", flag, kit.PhoneReason)
	}
	return nil
}
