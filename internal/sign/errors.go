package sign

// Kind classifies a verification failure.
type Kind int

// The kinds of verification failure, each mapped to the AWS error code a
// server answers with.
const (
	// KindMissingAuth: the request carries no signature at all.
	KindMissingAuth Kind = iota + 1
	// KindUnknownKey: the access key ID is not known to the server.
	KindUnknownKey
	// KindBadSignature: the signature does not match the request.
	KindBadSignature
	// KindExpired: the request's time is too far from the server's clock,
	// or past its expiry.
	KindExpired
	// KindIncomplete: the signature is malformed or lacks a part.
	KindIncomplete
)

// AWS error codes for verification failures.
const (
	CodeMissingAuthenticationToken = "MissingAuthenticationToken"
	CodeInvalidClientTokenID       = "InvalidClientTokenId"
	CodeSignatureDoesNotMatch      = "SignatureDoesNotMatch"
	CodeIncompleteSignature        = "IncompleteSignature"
	CodeRequestExpired             = "RequestExpired"
)

// Error is a verification failure. Code is the AWS error code to answer
// with and Message the AWS-style text; neither ever holds a secret key,
// a session token or a signature.
//
// Expiry is reported the way AWS does: a SigV4 request outside the clock
// window gets SignatureDoesNotMatch with "Signature expired: ...", a SigV2
// request gets RequestExpired.
type Error struct {
	Kind    Kind
	Code    string
	Message string
}

// Error returns "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is matches the sentinel of the same kind, so errors.Is(err,
// sign.ErrExpired) works whatever the message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind
}

// Sentinels for errors.Is, one per Kind.
var (
	ErrMissingAuth  = &Error{Kind: KindMissingAuth, Code: CodeMissingAuthenticationToken, Message: "Request is missing Authentication Token"}
	ErrUnknownKey   = &Error{Kind: KindUnknownKey, Code: CodeInvalidClientTokenID, Message: "The security token included in the request is invalid."}
	ErrBadSignature = &Error{Kind: KindBadSignature, Code: CodeSignatureDoesNotMatch, Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
	ErrExpired      = &Error{Kind: KindExpired, Code: CodeSignatureDoesNotMatch, Message: "Signature expired"}
	ErrIncomplete   = &Error{Kind: KindIncomplete, Code: CodeIncompleteSignature, Message: "The request signature does not conform to AWS standards."}
)

func incomplete(msg string) *Error {
	return &Error{Kind: KindIncomplete, Code: CodeIncompleteSignature, Message: msg}
}

func badSignature(msg string) *Error {
	return &Error{Kind: KindBadSignature, Code: CodeSignatureDoesNotMatch, Message: msg}
}
