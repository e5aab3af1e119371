package kit

import (
	"fmt"
	"strings"
	"time"
)

// UnknownItemError means an event names an item that no kit-add
// registered.
type UnknownItemError struct {
	ID    string
	Known []string // the IDs that are registered
}

func (e *UnknownItemError) Error() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("no item %q: the log has no kit yet", e.ID)
	}
	return fmt.Sprintf("no item %q: the kit has %s", e.ID, strings.Join(e.Known, ", "))
}

// DuplicateError means kit-add names an ID already registered (retired
// ones too: an ID names one item for the whole log).
type DuplicateError struct {
	ID    string
	Added time.Time
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("item %q is registered already (since %s): choose another ID", e.ID, e.Added.Format(time.DateOnly))
}

// StateError means the event cannot happen to the item as it is: out
// twice, in when it is in, anything but retire or replace when it is
// lost, anything at all once it is retired.
type StateError struct {
	ID    string
	Kind  string // the event's record kind
	State string // what the item is, in words
}

func (e *StateError) Error() string {
	return fmt.Sprintf("item %q is %s: %s does not apply", e.ID, e.State, strings.TrimPrefix(e.Kind, "kit-"))
}

// FieldError means a member of the record is missing or wrong; Field is
// the name of the flag that gives it.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return "--" + e.Field + " " + e.Reason }

// IDError means an item's ID is not a word that names it, or looks like
// the phone's number, which the log never holds.
type IDError struct {
	ID    string
	Phone bool // it looks like a phone number
}

func (e *IDError) Error() string {
	if e.Phone {
		return fmt.Sprintf("ID %q looks like a phone number: never write the phone's number; name the item (\"phone\")", e.ID)
	}
	return fmt.Sprintf("ID %q: use letters, digits, '.', '_' and '-', not starting with '.' or '-' (\"mfa-1\")", e.ID)
}
