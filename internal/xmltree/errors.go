package xmltree

import (
	"errors"
	"fmt"
	"strings"
)

// ErrDTD is wrapped by the error Parse returns for a document type or entity
// declaration. They are refused outright: entity expansion is how XML bombs
// and external fetches happen, and IAM never sends either.
var ErrDTD = errors.New("document type and entity declarations are not allowed")

// SyntaxError describes malformed input. It names elements and positions,
// never text content, because a response body may carry secrets.
type SyntaxError struct {
	Line   int // 1-based line of the offending byte
	Offset int // byte offset into the body
	Msg    string
	Err    error // an underlying sentinel such as ErrDTD, or nil
}

// Error formats the position and the problem.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("xml syntax error at line %d (byte %d): %s", e.Line, e.Offset, e.Msg)
}

// Unwrap returns the sentinel, so errors.Is(err, ErrDTD) works.
func (e *SyntaxError) Unwrap() error { return e.Err }

// errAt builds a SyntaxError for offset off of s. The line is counted only
// here, on the error path, so the scanner does not track it per byte.
func errAt(s string, off int, msg string) *SyntaxError {
	if off > len(s) {
		off = len(s)
	}
	return &SyntaxError{Line: strings.Count(s[:off], "\n") + 1, Offset: off, Msg: msg}
}

// maxNameInError bounds how much of a name an error quotes: a hostile body
// can hold a name megabytes long.
const maxNameInError = 64

// errf is errAt with a formatted message whose string arguments, element
// names, are clipped to maxNameInError bytes.
func errf(s string, off int, format string, args ...any) *SyntaxError {
	for k, a := range args {
		if name, ok := a.(string); ok && len(name) > maxNameInError {
			args[k] = name[:maxNameInError] + "..."
		}
	}
	return errAt(s, off, fmt.Sprintf(format, args...))
}
