package server

import (
	"fmt"
	"net/http"
)

// APIError is an error answer of the server: the code, type and HTTP status
// IAM uses for it, and a message meant for the caller. Messages never carry
// secrets: handlers only put names, IDs and ARNs in them.
type APIError struct {
	Status  int
	Code    string
	Message string
	// Receiver marks a server-side fault (Type Receiver instead of Sender).
	Receiver bool
}

// Error returns "Code: Message".
func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// Error codes the server answers with, and the HTTP status of each.
const (
	CodeNoSuchEntity                  = "NoSuchEntity"
	CodeEntityAlreadyExists           = "EntityAlreadyExists"
	CodeDeleteConflict                = "DeleteConflict"
	CodeLimitExceeded                 = "LimitExceeded"
	CodeMalformedPolicyDocument       = "MalformedPolicyDocument"
	CodeInvalidInput                  = "InvalidInput"
	CodeValidationError               = "ValidationError"
	CodeAccessDenied                  = "AccessDenied"
	CodeSignatureDoesNotMatch         = "SignatureDoesNotMatch"
	CodeInvalidClientTokenID          = "InvalidClientTokenId"
	CodeMissingAuthenticationToken    = "MissingAuthenticationToken"
	CodeIncompleteSignature           = "IncompleteSignature"
	CodeRequestExpired                = "RequestExpired"
	CodeThrottling                    = "Throttling"
	CodeInvalidAction                 = "InvalidAction"
	CodeMalformedQueryString          = "MalformedQueryString"
	CodeServiceFailure                = "ServiceFailure"
	CodeServiceUnavailable            = "ServiceUnavailable"
	CodePasswordPolicyViolation       = "PasswordPolicyViolation"
	CodeInvalidAuthenticationCode     = "InvalidAuthenticationCode"
	CodeMalformedCertificate          = "MalformedCertificate"
	CodeDuplicateCertificate          = "DuplicateCertificate"
	CodeKeyPairMismatch               = "KeyPairMismatch"
	CodeInvalidCertificate            = "InvalidCertificate"
	CodeInvalidPublicKey              = "InvalidPublicKey"
	CodeDuplicateSSHPublicKey         = "DuplicateSSHPublicKey"
	CodeUnrecognizedPublicKeyEncode   = "UnrecognizedPublicKeyEncoding"
	CodeNotSupportedService           = "NotSupportedService"
	CodeUnmodifiableEntity            = "UnmodifiableEntity"
	CodeInvalidUserType               = "InvalidUserType"
	CodeEntityTemporarilyUnmodifiable = "EntityTemporarilyUnmodifiable"
	CodeReportNotPresent              = "ReportNotPresent"
	CodeReportExpired                 = "ReportExpired"
)

var codeStatus = map[string]int{
	CodeNoSuchEntity:                  http.StatusNotFound,
	CodeEntityAlreadyExists:           http.StatusConflict,
	CodeDeleteConflict:                http.StatusConflict,
	CodeLimitExceeded:                 http.StatusConflict,
	CodeMalformedPolicyDocument:       http.StatusBadRequest,
	CodeInvalidInput:                  http.StatusBadRequest,
	CodeValidationError:               http.StatusBadRequest,
	CodeAccessDenied:                  http.StatusForbidden,
	CodeSignatureDoesNotMatch:         http.StatusForbidden,
	CodeInvalidClientTokenID:          http.StatusForbidden,
	CodeMissingAuthenticationToken:    http.StatusForbidden,
	CodeIncompleteSignature:           http.StatusBadRequest,
	CodeRequestExpired:                http.StatusBadRequest,
	CodeThrottling:                    http.StatusBadRequest,
	CodeInvalidAction:                 http.StatusBadRequest,
	CodeMalformedQueryString:          http.StatusBadRequest,
	CodeServiceFailure:                http.StatusInternalServerError,
	CodeServiceUnavailable:            http.StatusServiceUnavailable,
	CodePasswordPolicyViolation:       http.StatusBadRequest,
	CodeInvalidAuthenticationCode:     http.StatusForbidden,
	CodeMalformedCertificate:          http.StatusBadRequest,
	CodeDuplicateCertificate:          http.StatusConflict,
	CodeKeyPairMismatch:               http.StatusBadRequest,
	CodeInvalidCertificate:            http.StatusBadRequest,
	CodeInvalidPublicKey:              http.StatusBadRequest,
	CodeDuplicateSSHPublicKey:         http.StatusBadRequest,
	CodeUnrecognizedPublicKeyEncode:   http.StatusBadRequest,
	CodeNotSupportedService:           http.StatusNotFound,
	CodeUnmodifiableEntity:            http.StatusBadRequest,
	CodeInvalidUserType:               http.StatusBadRequest,
	CodeEntityTemporarilyUnmodifiable: http.StatusConflict,
	CodeReportNotPresent:              http.StatusGone,
	CodeReportExpired:                 http.StatusGone,
}

// errf builds an APIError for code with a formatted message.
func errf(code, format string, args ...any) *APIError {
	st, ok := codeStatus[code]
	if !ok {
		st = http.StatusBadRequest
	}
	return &APIError{
		Status:   st,
		Code:     code,
		Message:  fmt.Sprintf(format, args...),
		Receiver: st >= 500,
	}
}

func noSuchEntity(kind, name string) *APIError {
	return errf(CodeNoSuchEntity, "The %s with name %s cannot be found.", kind, name)
}

func alreadyExists(kind, name string) *APIError {
	return errf(CodeEntityAlreadyExists, "%s with name %s already exists.", kind, name)
}

func deleteConflict(format string, args ...any) *APIError {
	return errf(CodeDeleteConflict, format, args...)
}

func limitExceeded(format string, args ...any) *APIError {
	return errf(CodeLimitExceeded, format, args...)
}

// validationf reports a constraint failure in AWS's wording, naming the
// field (lower camel case, as AWS does) and the rule.
func validationf(field, value, rule string) *APIError {
	return errf(CodeValidationError,
		"1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s",
		value, lowerFirst(field), rule)
}

func missingParam(field string) *APIError {
	return errf(CodeValidationError,
		"1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null",
		lowerFirst(field))
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
