// Package harden makes the quorum process a poorer place to find a secret
// in, before any secret is read: no core dumps (RLIMIT_CORE 0), not
// dumpable, so that other processes of the same user can neither attach a
// debugger nor read /proc/PID/mem (Linux: PR_SET_DUMPABLE 0), and memory
// locked against swapping where the OS allows it.
//
// Memory is locked as a whole with mlockall(MCL_CURRENT|MCL_FUTURE|
// MCL_ONFAULT), on Linux only, and only when the limit on locked memory
// cannot be reached: with MCL_FUTURE every later allocation counts against
// the limit, and an allocation the limit refuses crashes the Go runtime.
// Otherwise [Lock] locks single buffers, which protects the copies quorum
// holds but not those that age, Vault's shamir or the Go runtime make, and
// [Report.Warning] says so.
//
// What it does not protect: a process that runs as root or as the same
// user before quorum starts, or a hibernating machine, which writes memory
// to disk, locked or not. SECURITY.md says which test proves what.
package harden

// Report says what [Process] did.
type Report struct {
	// CoreDumpsOff: RLIMIT_CORE is 0, so a crash writes no core file.
	CoreDumpsOff bool
	// Undumpable: other processes of the same user cannot attach to this
	// one or read its memory.
	Undumpable bool
	// MemoryLocked: all memory of the process, now and later, is locked
	// against swapping.
	MemoryLocked bool
	// Unlocked says why memory is not locked as a whole, and Remedy what
	// the user can do about it.
	Unlocked, Remedy string
	// SwapOn: the machine has an active swap device, or this OS does not
	// say.
	SwapOn bool
}

// Process hardens the running process and reports what it did. Call it
// first thing in main, before any secret is read. It never fails: what
// it cannot do, the [Report] says.
func Process() Report {
	return process()
}

// Warning returns, when memory is not locked and a swap device may hold
// it, a sentence that says so and a hint with what to do; else two empty
// strings.
func (r Report) Warning() (warning, hint string) {
	if r.MemoryLocked || !r.SwapOn {
		return "", ""
	}
	return "memory is not locked against swap (" + r.Unlocked + "): secrets may be written to the swap device", r.Remedy
}
