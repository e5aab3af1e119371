package kit_test

import (
	"fmt"
	"time"

	"quorum/accesslog"
	"quorum/kit"
)

// ExampleCompute replays a kit in which the MFA device was moved in with
// the sheets, and says what a person must do.
func ExampleCompute() {
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	st, _ := kit.Replay([]*accesslog.Record{
		{Kind: accesslog.KindKitAdd, Time: day("2026-01-05"), Item: "sheets", ItemKind: accesslog.ItemSheet, Place: "safe A", Set: set},
		{Kind: accesslog.KindKitAdd, Time: day("2026-01-05"), Item: "mfa-1", ItemKind: accesslog.ItemMFA, Place: "safe B"},
		{Kind: accesslog.KindKitCheck, Time: day("2026-01-05"), Item: "mfa-1", Outcome: accesslog.Pass},
		{Kind: accesslog.KindReview, Time: day("2026-01-05"), Set: set},
		{Kind: accesslog.KindKitMove, Time: day("2026-02-01"), Item: "mfa-1", Place: "safe A"},
	})
	for _, p := range kit.Compute(st, nil, day("2026-02-01"), kit.Rules{}).Problems {
		fmt.Println(p)
	}
	// Output:
	// mfa-device mfa-1 is in safe A with sheets (all sheets of set AS3N N9TM CD3M R0M5 VXEV YAYA PWYT): keep the MFA device apart from the password; move one of them (quorum kit move)
}
