package iam

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/smithy-go"
)

// Error codes IAM answers with. Compare with errors.Is against the matching
// Err sentinel, or read APIError.Code.
const (
	CodeNoSuchEntity                  = "NoSuchEntity"
	CodeEntityAlreadyExists           = "EntityAlreadyExists"
	CodeDeleteConflict                = "DeleteConflict"
	CodeLimitExceeded                 = "LimitExceeded"
	CodeMalformedPolicyDocument       = "MalformedPolicyDocument"
	CodeInvalidInput                  = "InvalidInput"
	CodeValidationError               = "ValidationError"
	CodeThrottling                    = "Throttling"
	CodeAccessDenied                  = "AccessDenied"
	CodeInvalidClientTokenID          = "InvalidClientTokenId"
	CodeSignatureDoesNotMatch         = "SignatureDoesNotMatch"
	CodeServiceFailure                = "ServiceFailure"
	CodeEntityTemporarilyUnmodifiable = "EntityTemporarilyUnmodifiable"
	CodeConcurrentModification        = "ConcurrentModification"
	CodeUnmodifiableEntity            = "UnmodifiableEntity"
	CodePasswordPolicyViolation       = "PasswordPolicyViolation"
)

// Sentinels for errors.Is. Any error that wraps an *APIError with the
// matching code satisfies errors.Is(err, ErrX).
var (
	ErrNoSuchEntity                  error = codeSentinel(CodeNoSuchEntity)
	ErrEntityAlreadyExists           error = codeSentinel(CodeEntityAlreadyExists)
	ErrDeleteConflict                error = codeSentinel(CodeDeleteConflict)
	ErrLimitExceeded                 error = codeSentinel(CodeLimitExceeded)
	ErrMalformedPolicyDocument       error = codeSentinel(CodeMalformedPolicyDocument)
	ErrInvalidInput                  error = codeSentinel(CodeInvalidInput)
	ErrValidationError               error = codeSentinel(CodeValidationError)
	ErrThrottling                    error = codeSentinel(CodeThrottling)
	ErrAccessDenied                  error = codeSentinel(CodeAccessDenied)
	ErrInvalidClientTokenID          error = codeSentinel(CodeInvalidClientTokenID)
	ErrSignatureDoesNotMatch         error = codeSentinel(CodeSignatureDoesNotMatch)
	ErrServiceFailure                error = codeSentinel(CodeServiceFailure)
	ErrEntityTemporarilyUnmodifiable error = codeSentinel(CodeEntityTemporarilyUnmodifiable)
	ErrConcurrentModification        error = codeSentinel(CodeConcurrentModification)
	ErrUnmodifiableEntity            error = codeSentinel(CodeUnmodifiableEntity)
	ErrPasswordPolicyViolation       error = codeSentinel(CodePasswordPolicyViolation)
)

// codeSentinel is an error code used as an errors.Is target; one type for
// every code instead of one type per code.
type codeSentinel string

func (s codeSentinel) Error() string { return "iam: " + string(s) }

// APIError is an error answer from the service. It satisfies
// smithy.APIError. A body that was not IAM's XML error envelope still gives
// an APIError, with an empty Code and a short snippet of the body as the
// Message.
type APIError struct {
	StatusCode int
	Type       string // "Sender" or "Receiver" as the service said; may be empty
	Code       string
	Message    string
	RequestID  string
}

var _ smithy.APIError = (*APIError)(nil)

func (e *APIError) Error() string {
	code := e.Code
	if code == "" {
		code = "HTTP " + strconv.Itoa(e.StatusCode)
	}
	s := "api error " + code
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (request " + e.RequestID + ")"
	}
	return s
}

// ErrorCode returns the IAM error code.
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns the service's message.
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault says whose fault the error is: Sender is the client's,
// Receiver the server's; without a Type the HTTP status decides.
func (e *APIError) ErrorFault() smithy.ErrorFault {
	switch {
	case e.Type == "Sender":
		return smithy.FaultClient
	case e.Type == "Receiver":
		return smithy.FaultServer
	case e.StatusCode >= 500:
		return smithy.FaultServer
	case e.StatusCode >= 400:
		return smithy.FaultClient
	}
	return smithy.FaultUnknown
}

// Is makes errors.Is(err, ErrNoSuchEntity) and its siblings work.
func (e *APIError) Is(target error) bool {
	s, ok := target.(codeSentinel)
	return ok && e.Code != "" && string(s) == e.Code
}

// OperationError names the action that failed and how many attempts were
// made; it wraps the last attempt's error.
type OperationError struct {
	Action   string
	Attempts int
	Err      error
}

func (e *OperationError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("iam %s: after %d attempts: %v", e.Action, e.Attempts, e.Err)
	}
	return "iam " + e.Action + ": " + e.Err.Error()
}

func (e *OperationError) Unwrap() error { return e.Err }

// DecodeError is a success answer whose body could not be parsed. Snapshot
// holds the first bytes of the body for diagnosis, with the text of secret
// elements (a new secret key, a service password, an MFA seed) redacted.
type DecodeError struct {
	StatusCode int
	Snapshot   []byte
	Err        error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("decode response (HTTP %d): %v; body begins %q", e.StatusCode, e.Err, e.Snapshot)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// ErrResponseTooLarge is returned, wrapped, when a response body exceeds the
// client's maximum response size.
var ErrResponseTooLarge = errors.New("response body exceeds the maximum size")

// IsNotFound reports whether err is, or wraps, a NoSuchEntity answer.
func IsNotFound(err error) bool { return errors.Is(err, ErrNoSuchEntity) }

// ErrorCode returns the IAM error code err carries, or "" when err is not
// an answer from the service.
func ErrorCode(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// snapshotLen bounds how much of an undecodable body an error keeps.
const snapshotLen = 256

// snapshot returns the first bytes of a body for an error, with secrets
// redacted: an error string ends up in logs. The body may be IAM's XML or
// anything a proxy sent, including an echo of the form the client posted.
func snapshot(body []byte) []byte {
	if len(body) > snapshotLen {
		body = body[:snapshotLen]
	}
	return redactForm(redactBody(body))
}
