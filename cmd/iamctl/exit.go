package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/internal/apply"
	"github.com/iamkit/iam/internal/policy"
)

// Exit statuses, so that scripts can tell outcomes apart without parsing
// messages.
const (
	exitOK       = 0
	exitOther    = 1 // any other failure: network, throttling after retries, conflicts, ...
	exitUsage    = 2 // a mistake on the command line
	exitNotFound = 3 // NoSuchEntity
	exitDenied   = 4 // AccessDenied and other authorization refusals
	exitInvalid  = 5 // input IAM or iamctl refused: InvalidInput, ValidationError, MalformedPolicyDocument, bad specs
)

// exitCodesHelp documents the statuses for "iamctl help".
const exitCodesHelp = `exit status:
  0  success
  1  other failure (network, throttling after retries, DeleteConflict, LimitExceeded, ...)
  2  usage error
  3  not found (NoSuchEntity)
  4  access denied (AccessDenied, UnauthorizedOperation, InvalidClientTokenId, SignatureDoesNotMatch,
     other refusals of the credentials or signature)
  5  invalid input (InvalidInput, ValidationError, MalformedPolicyDocument, InvalidAction,
     MissingParameter, InvalidAuthenticationCode, ..., a document or spec refused before sending)
configuration (all commands that call IAM): --endpoint-url, --profile, --region, --output;
  then AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL, AWS_PROFILE, AWS_REGION, AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; then ~/.aws/config and ~/.aws/credentials.
`

// exitCode maps an error to the exit status.
func exitCode(err error) int {
	var ue *usageError
	var ve *iam.ValidationError
	var pe *policy.ParseError
	var pves policy.ValidationErrors
	var se *apply.SpecError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue), errors.Is(err, flag.ErrHelp):
		return exitUsage
	case iam.IsNotFound(err):
		return exitNotFound
	case errors.As(err, &ve), errors.As(err, &pe), errors.As(err, &pves), errors.As(err, &se):
		return exitInvalid
	}
	switch iam.ErrorCode(err) {
	case iam.CodeAccessDenied, "AccessDeniedException", "UnauthorizedOperation",
		iam.CodeInvalidClientTokenID, iam.CodeSignatureDoesNotMatch,
		// The credentials or the signature were refused.
		"MissingAuthenticationToken", "IncompleteSignature", "RequestExpired", "ExpiredToken":
		return exitDenied
	case iam.CodeInvalidInput, iam.CodeValidationError, iam.CodeMalformedPolicyDocument,
		// The request itself is wrong: a retry cannot succeed.
		"InvalidAction", "MissingAction", "MalformedQueryString", "MissingParameter",
		"InvalidParameterValue", "InvalidParameterCombination", "InvalidQueryParameter",
		"InvalidAuthenticationCode", iam.CodePasswordPolicyViolation, "MalformedCertificate",
		"InvalidCertificate", "KeyPairMismatch", "InvalidPublicKey", "UnrecognizedPublicKeyEncoding",
		"InvalidUserType":
		return exitInvalid
	}
	return exitOther
}

// fail prints err to stderr, with the code, message and request ID of a
// service answer, and returns the exit status.
func fail(stderr io.Writer, cmd string, err error) int {
	code := exitCode(err)
	if errors.Is(err, flag.ErrHelp) {
		return code
	}
	var ae *iam.APIError
	if errors.As(err, &ae) {
		var op *iam.OperationError
		action := ""
		if errors.As(err, &op) {
			action = op.Action + ": "
		}
		fmt.Fprintf(stderr, "iamctl %s: %s%s: %s (HTTP %d, request ID %s)\n",
			cmd, action, orUnknown(ae.Code), ae.Message, ae.StatusCode, orUnknown(ae.RequestID))
		return code
	}
	fmt.Fprintf(stderr, "iamctl %s: %v\n", cmd, err)
	return code
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
