package iam

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// typedFixture reads a response fixture of the typed methods.
func typedFixture(t *testing.T, name string) string {
	t.Helper()
	return fixture(t, "typed/"+name)
}

// emptyResult is the answer of an action without a result element, shaped
// like IAM's (e.g. DeleteUserResponse with only ResponseMetadata).
func emptyResult(action string) string {
	return `<` + action + `Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
</` + action + `Response>`
}

// form builds the exact form a request must carry: Action, Version and
// the given name/value pairs.
func form(action string, kv ...string) url.Values {
	v := url.Values{"Action": {action}, "Version": {APIVersion}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// expectForm returns a client whose server asserts that every request's
// form is exactly want (an omitted option must be absent, not empty) and
// answers status and body. The counter tells how many requests arrived.
func expectForm(t *testing.T, want url.Values, status int, body string, opts ...Option) (*Client, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if assert.NoError(t, r.ParseForm()) {
			assert.Equal(t, want, r.PostForm, "form values sent")
		}
		xmlReply(w, status, body)
	}, opts...)
	return c, &hits
}

// neverCalled returns a client whose server fails the test if it is hit:
// invalid input must be refused before anything is sent.
func neverCalled(t *testing.T) *Client {
	t.Helper()
	return newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent for invalid input: %s", r.URL)
		xmlReply(w, 500, "")
	})
}

// requireValidation asserts err is a validation error for field, wrapped
// in an *OperationError naming action.
func requireValidation(t *testing.T, err error, action, field string) *ValidationError {
	t.Helper()
	require.Error(t, err)
	var oe *OperationError
	require.ErrorAs(t, err, &oe)
	assert.Equal(t, action, oe.Action)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve, "error %v", err)
	assert.Equal(t, field, ve.Field, "error %v", err)
	return ve
}

func TestDecodeErrorIsRedactedAndNamesElement(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETSECRET"
	body := `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey>
<UserName>Bob</UserName><AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><Status>Active</Status>
<SecretAccessKey>` + secret + `</SecretAccessKey><CreateDate>not-a-date</CreateDate>
</AccessKey></CreateAccessKeyResult></CreateAccessKeyResponse>`
	c, _ := expectForm(t, form("CreateAccessKey", "UserName", "Bob"), 200, body)
	_, err := c.CreateAccessKey(context.Background(), "Bob")
	require.Error(t, err)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "CreateDate")
	assert.Contains(t, err.Error(), "not-a-date")
	assert.NotContains(t, err.Error(), secret)
	assert.NotContains(t, string(de.Snapshot), secret)
}

func TestMissingResultElementIsAnError(t *testing.T) {
	c, _ := expectForm(t, form("GetUser"), 200, emptyResult("GetUser"))
	_, err := c.GetUser(context.Background(), "")
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "GetUserResult")
}

func TestAPIErrorsPassThroughTyped(t *testing.T) {
	c, _ := expectForm(t, form("DeleteUser", "UserName", "ghost"), 404, fixture(t, "errors/nosuchentity.xml"))
	err := c.DeleteUser(context.Background(), "ghost")
	require.Error(t, err)
	assert.True(t, IsNotFound(err))
	assert.True(t, errors.Is(err, ErrNoSuchEntity))
}

// FuzzTypedDecoders feeds arbitrary bodies through the parser and every
// typed decoder: hostile answers give errors, never panics.
func FuzzTypedDecoders(f *testing.F) {
	for _, name := range []string{"createuser.xml", "listusers-many.xml", "getgroup-many.xml",
		"listaccesskeys-2.xml", "getuserpolicy.xml", "getloginprofile.xml", "getaccesskeylastused.xml"} {
		b, err := os.ReadFile("testdata/typed/" + name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`<R><Users>text</Users><IsTruncated>true</IsTruncated></R>`))
	f.Add([]byte(`<R><Users><member>x</member><member><Tags>t</Tags></member></Users></R>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := parseResponse(body)
		if err != nil {
			return
		}
		root := resp.Node
		// Try each decoder both on the document element and on its first
		// child, where a real result element would be.
		for _, n := range []Node{root, root.firstChild()} {
			_, _, _ = decodeList(n, "Users", func(m Node) (User, error) { return readUser(m, resp) })
			_, _, _ = decodeList(n, "Groups", func(m Node) (Group, error) { return readGroup(m, resp) })
			_, _, _ = decodeList(n, "AccessKeyMetadata", func(m Node) (AccessKeyMetadata, error) { return readAccessKeyMetadata(m, resp) })
			_, _ = readUser(n.Path("User"), resp)
			_, _ = readElement("GetUser", resp, n, "User", readUser)
			_, _ = readElement("GetLoginProfile", resp, n, "LoginProfile", readLoginProfile)
			_, _, _ = decodePolicyText("PolicyDocument", n.Path("PolicyDocument").String())
			_, _ = readPageInfo(n)
		}
	})
}
