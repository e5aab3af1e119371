// Package jsonerr says what is wrong with JSON that encoding/json refused,
// without quoting it. encoding/json's messages quote the bytes where the
// decoder stopped ("invalid character 'M' looking for beginning of value")
// and the names of unknown members; given a secret by mistake instead of
// a manifest or a log ("-m secret.txt"), that would print the secret's
// first byte. Every parser of a JSON file describes its errors here.
package jsonerr

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Describe returns what is wrong with the input, in words and positions
// only: where the syntax breaks, which member of the decoded type has
// the wrong JSON type, that a member is unknown, or that the input ends
// early. The member names come from the Go type, not from the input.
func Describe(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("not valid JSON: the error is at byte %d", se.Offset)
	case errors.As(err, &te) && te.Field != "":
		return fmt.Sprintf("%s is not a JSON %s", te.Field, kind(te.Type))
	case errors.As(err, &te):
		return fmt.Sprintf("not a JSON %s", kind(te.Type))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "empty, or ends before its JSON value does"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		// encoding/json has no type for it; the message quotes the name.
		return "holds a member this format does not have"
	}
	return "not valid JSON"
}

func kind(t reflect.Type) string {
	if t == nil {
		return "value"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Bool:
		return "true or false"
	}
	return "number"
}
