package iam

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/xmltree"
)

func mustParseResponse(t *testing.T, body []byte) *Response {
	t.Helper()
	resp, err := parseResponse(body)
	if err != nil {
		t.Fatalf("parseResponse: %v", err)
	}
	return resp
}

func userNames(nodes []Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.Get("UserName").String())
	}
	return out
}

func TestResponseListUsersMembers(t *testing.T) {
	tests := map[string]struct {
		file  string
		names []string
	}{
		"zero":  {"listusers-0.xml", nil},
		"one":   {"listusers-1.xml", []string{"Andrew"}},
		"three": {"listusers-3.xml", []string{"Andrew", "Jackie", "O'Brien & Sons"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp := mustParseResponse(t, readFixture(t, tc.file))
			users := resp.List("Users")
			if users == nil {
				t.Fatal("List(Users) is nil, want a non-nil slice even when empty")
			}
			if got := userNames(users); strings.Join(got, "|") != strings.Join(tc.names, "|") {
				t.Errorf("users %q, want %q", got, tc.names)
			}
			if !resp.Get("Users").IsList() {
				t.Error("Users is not a list")
			}
			// Deep lookup never reaches into the members.
			if n := resp.Get("UserName"); n.Exists() {
				t.Errorf("Get(UserName) on the response found %q inside a member", n.String())
			}
			if got, want := resp.Get("IsTruncated").Bool(), len(tc.names) == 3; got != want {
				t.Errorf("IsTruncated %v, want %v", got, want)
			}
		})
	}
}

// TestResponseTwoAccessKeys is boto issue 464: two keys must come back as
// two, never merged or flattened into one.
func TestResponseTwoAccessKeys(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "listaccesskeys-2.xml"))
	keys := resp.List("AccessKeyMetadata")
	if len(keys) != 2 {
		t.Fatalf("%d access keys, want 2", len(keys))
	}
	want := []struct{ id, status string }{
		{"AKIAIOSFODNN7EXAMPLE", "Active"},
		{"AKIAI44QH8DHBEXAMPLE", "Inactive"},
	}
	for i, k := range keys {
		if k.Get("AccessKeyId").String() != want[i].id || k.Get("access_key_id").String() != want[i].id {
			t.Errorf("key %d id %q", i, k.Get("AccessKeyId").String())
		}
		if k.Get("Status").String() != want[i].status {
			t.Errorf("key %d status %q", i, k.Get("Status").String())
		}
	}
	// The result's own UserName comes before any member's.
	if got := resp.Get("user_name"); got.String() != "Bob" || got.Name() != "UserName" {
		t.Errorf("Get(user_name) = %s %q", got.Name(), got.String())
	}
	if got := keys[1].Get("CreateDate").Time(); !got.Equal(time.Date(2014, 6, 2, 11, 5, 10, 0, time.UTC)) {
		t.Errorf("second key CreateDate %v", got)
	}
}

func TestResponseGetGroup(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "getgroup.xml"))
	// Group is a struct, so deep lookup finds its fields; Users is a list.
	if got := resp.Get("GroupName").String(); got != "Admins" {
		t.Errorf("GroupName %q", got)
	}
	if got := resp.Get("Path").String(); got != "/" {
		t.Errorf("Get(Path) = %q, want the group's, not a member's", got)
	}
	if got := userNames(resp.List("Users")); strings.Join(got, ",") != "Bob,Susan" {
		t.Errorf("members %q", got)
	}

	empty := mustParseResponse(t, readFixture(t, "getgroup-empty.xml"))
	users := empty.List("Users")
	if users == nil || len(users) != 0 {
		t.Errorf("empty <Users/> gave %#v, want an empty non-nil slice", users)
	}
	if s := empty.Get("Users").String(); s != "" {
		t.Errorf("empty <Users/> String() = %q", s)
	}
	if got := empty.List("NoSuchList"); got != nil {
		t.Errorf("missing list gave %#v, want nil", got)
	}
	if got := empty.List("GroupName"); got != nil {
		t.Errorf("a leaf as a list gave %#v, want nil", got)
	}
}

func TestResponseNestedLists(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "getuser-tags.xml"))
	user := resp.Get("User")
	tags := user.List("Tags")
	if len(tags) != 2 || tags[1].Get("Key").String() != "CostCenter" || tags[1].Get("Value").Int() != 12345 {
		t.Errorf("tags %s", mustJSON(t, tags))
	}
	if got := resp.Get("PermissionsBoundaryArn").String(); got != "arn:aws:iam::123456789012:policy/Boundary" {
		t.Errorf("boundary %q", got)
	}
	// Tag keys live in list members: deep lookup from the user misses them.
	if resp.Get("Key").Exists() {
		t.Error("Get(Key) reached into the Tags list")
	}

	details := mustParseResponse(t, readFixture(t, "getaccountauthorizationdetails.xml"))
	users := details.List("UserDetailList")
	if len(users) != 2 {
		t.Fatalf("%d user details, want 2", len(users))
	}
	var groups []string
	for _, g := range users[0].List("GroupList") {
		groups = append(groups, g.String())
	}
	if strings.Join(groups, ",") != "Admins,Dev" {
		t.Errorf("alice's groups %q", groups)
	}
	if got := users[0].List("AttachedManagedPolicies"); got == nil || len(got) != 0 {
		t.Errorf("empty policy list %#v", got)
	}
	if got := users[1].List("AttachedManagedPolicies"); len(got) != 1 || got[0].Get("PolicyName").String() != "ReadOnlyAccess" {
		t.Errorf("bob's policies %s", mustJSON(t, got))
	}
	if got := details.List("GroupDetailList"); got == nil || len(got) != 0 {
		t.Errorf("empty group list %#v", got)
	}
}

func TestResponseErrorBody(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "error-nosuchentity.xml"))
	for key, want := range map[string]string{
		"Type": "Sender", "Code": "NoSuchEntity",
		"Message": "The user with name nobody cannot be found.",
	} {
		if got := resp.Get(key).String(); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := resp.RequestID(); got != "4c4dd2bc-5b2c-11e4-8e5e-3b8fEXAMPLE" {
		t.Errorf("RequestID %q", got)
	}
}

func TestResponseRequestID(t *testing.T) {
	header := http.Header{"X-Amzn-Requestid": {"from-header"}}
	tests := map[string]struct {
		body string
		want string
	}{
		"metadata":       {`<R><ResponseMetadata><RequestId>meta</RequestId></ResponseMetadata><RequestId>top</RequestId></R>`, "meta"},
		"error envelope": {`<ErrorResponse><Error/><RequestId>top</RequestId></ErrorResponse>`, "top"},
		"older envelope": {`<Response><Errors/><RequestID>caps</RequestID></Response>`, "caps"},
		"header":         {`<R><Result/></R>`, "from-header"},
		"not deep":       {`<R><X><RequestId>deep</RequestId></X></R>`, "from-header"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp := mustParseResponse(t, []byte(tc.body))
			resp.header = header
			if got := resp.RequestID(); got != tc.want {
				t.Errorf("RequestID %q, want %q", got, tc.want)
			}
		})
	}
	var nilResp *Response
	if nilResp.RequestID() != "" || nilResp.Raw() != nil || nilResp.StatusCode() != 0 || nilResp.Header() != nil {
		t.Error("nil Response accessors returned values")
	}
	// A Response the client builds without a body (say, an empty 500) still
	// answers from the header.
	bare := &Response{status: 500, header: header}
	if bare.RequestID() != "from-header" || bare.Get("Code").Exists() {
		t.Error("bodiless Response misbehaves")
	}
}

func TestResponseRawStatusHeader(t *testing.T) {
	body := readFixture(t, "listusers-1.xml")
	resp := mustParseResponse(t, body)
	resp.status = 200
	resp.header = http.Header{"Content-Type": {"text/xml"}}
	if !bytes.Equal(resp.Raw(), body) || resp.StatusCode() != 200 || resp.Header().Get("Content-Type") != "text/xml" {
		t.Error("Raw, StatusCode or Header do not return what was set")
	}
	if resp.Name() != "ListUsersResponse" {
		t.Errorf("document element %q", resp.Name())
	}
}

func TestNodeMissingChains(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "listusers-1.xml"))
	missing := resp.Get("Nope").Get("Deeper").Path("a.b")
	if missing.Exists() || missing.IsList() || missing.Name() != "" || missing.String() != "" ||
		missing.Bool() || missing.Int() != 0 || !missing.Time().IsZero() ||
		missing.List("x") != nil || missing.Members() != nil || missing.Children() != nil {
		t.Error("a missing node returned a non-zero value")
	}
	if out, err := missing.MarshalJSON(); err != nil || string(out) != "null" {
		t.Errorf("missing MarshalJSON = %s, %v", out, err)
	}
	var zero Node
	if zero.Get("a").Exists() || zero.Path("a").Exists() {
		t.Error("the zero Node found something")
	}
	if _, err := resp.Get("IsTruncatedd").ParseBool(); err == nil || !strings.Contains(err.Error(), "IsTruncatedd not found") {
		t.Errorf("ParseBool on a missing node: %v", err)
	}
	if _, err := resp.Path("ListUsersResult.Nope").ParseInt(); err == nil || !strings.Contains(err.Error(), "ListUsersResult.Nope") {
		t.Errorf("ParseInt on a missing path: %v", err)
	}
}

func TestNodePath(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "listusers-3.xml"))
	if got := len(resp.Path("ListUsersResult.Users").Members()); got != 3 {
		t.Errorf("Path to Users has %d members", got)
	}
	if got := resp.Path("ListUsersResult.Marker").String(); got != "AAIAAHdxS2ZsT1ZlR0RVbTZBSnVKZjZsEXAMPLE" {
		t.Errorf("Marker %q", got)
	}
	if resp.Path("Users").Exists() {
		t.Error("Path searched deep")
	}
	if resp.Path("listusersresult.users").Exists() {
		t.Error("Path matched a name that is not exact")
	}
}

func TestNodeChildren(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "listusers-1.xml"))
	user := resp.List("Users")[0]
	var names []string
	for _, c := range user.Children() {
		names = append(names, c.Name())
	}
	if got := strings.Join(names, ","); got != "Path,UserName,UserId,Arn,CreateDate,PasswordLastUsed" {
		t.Errorf("children %s", got)
	}
	if user.IsList() || user.Members() != nil {
		t.Error("a struct member reads as a list")
	}
}

func TestNodeTypedValues(t *testing.T) {
	doc := `<R><T>true</T><F>False</F><One>1</One><Bad>yes</Bad><N> 42 </N><Neg>-7</Neg><Big>99999999999999999999</Big>
<Z>2013-01-17T20:32:27Z</Z><Frac>2013-01-17T20:32:27.123456Z</Frac><Off>2013-01-17T22:32:27+02:00</Off>
<Plus>2013-01-17T20:32:27+00:00</Plus><Bare>2013-01-17T20:32:27</Bare><Date>2013-01-17</Date>
<SecretAccessKey>wJalrXUtnFEMI/K7MDENG</SecretAccessKey></R>`
	resp := mustParseResponse(t, []byte(doc))
	ref := time.Date(2013, 1, 17, 20, 32, 27, 0, time.UTC)

	bools := map[string]bool{"T": true, "F": false, "One": true}
	for name, want := range bools {
		if got, err := resp.Get(name).ParseBool(); err != nil || got != want {
			t.Errorf("%s ParseBool = %v, %v", name, got, err)
		}
	}
	ints := map[string]int64{"N": 42, "Neg": -7, "One": 1}
	for name, want := range ints {
		if got, err := resp.Get(name).ParseInt(); err != nil || got != want {
			t.Errorf("%s ParseInt = %v, %v", name, got, err)
		}
	}
	times := map[string]time.Time{"Z": ref, "Frac": ref.Add(123456 * time.Microsecond), "Off": ref, "Plus": ref, "Bare": ref}
	for name, want := range times {
		got, err := resp.Get(name).ParseTime()
		if err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s ParseTime = %v, %v", name, got, err)
		}
	}
	bad := map[string]func(Node) error{
		"Bad":  func(n Node) error { _, err := n.ParseBool(); return err },
		"Big":  func(n Node) error { _, err := n.ParseInt(); return err },
		"T":    func(n Node) error { _, err := n.ParseInt(); return err },
		"Date": func(n Node) error { _, err := n.ParseTime(); return err },
	}
	for name, parse := range bad {
		err := parse(resp.Get(name))
		if err == nil || !strings.Contains(err.Error(), "element "+name+":") ||
			!strings.Contains(err.Error(), resp.Get(name).String()[:2]) {
			t.Errorf("%s: error %v, want it to name the element and the value", name, err)
		}
	}
	if resp.Get("Bad").Bool() || resp.Get("Big").Int() != 0 || !resp.Get("Date").Time().IsZero() {
		t.Error("lenient accessors did not return zero for invalid values")
	}
	_, err := resp.Get("SecretAccessKey").ParseTime()
	if err == nil || strings.Contains(err.Error(), "wJalr") || !strings.Contains(err.Error(), "REDACTED") {
		t.Errorf("error on a secret element: %v", err)
	}
}

func TestNodeEntitiesAndMarkup(t *testing.T) {
	doc := "<?xml version=\"1.0\"?>\n<!-- c --><R><?pi x?><A>Tom &amp; &#x4A;erry &lt;3</A>" +
		"<B><![CDATA[<raw> & stuff]]></B><C>  keep  spaces </C></R>"
	resp := mustParseResponse(t, []byte(doc))
	for name, want := range map[string]string{"A": "Tom & Jerry <3", "B": "<raw> & stuff", "C": "  keep  spaces "} {
		if got := resp.Get(name).String(); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

func TestParseResponseRefuses(t *testing.T) {
	tests := map[string]string{
		"doctype":    `<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`,
		"entity":     `<x><!ENTITY a "b"></x>`,
		"unclosed":   `<ListUsersResponse><ListUsersResult>`,
		"mismatched": `<a><b></a></b>`,
		"garbage":    "\x00\x01binary",
		"truncated":  string(readFixture(t, "listusers-3.xml")[:500]),
		"html":       `<html><body>502 Bad Gateway<br></body></html>`,
		"empty":      ``,
		"too deep":   strings.Repeat("<a>", xmltree.MaxDepth+1) + strings.Repeat("</a>", xmltree.MaxDepth+1),
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			resp, err := parseResponse([]byte(body))
			if err == nil {
				t.Fatalf("accepted: %s", mustJSON(t, resp))
			}
			if !strings.HasPrefix(err.Error(), "iam: parse response: ") {
				t.Errorf("error %q lacks context", err)
			}
		})
	}
	_, err := parseResponse([]byte(tests["doctype"]))
	if !errors.Is(err, xmltree.ErrDTD) {
		t.Errorf("DOCTYPE error %v does not wrap ErrDTD", err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestResponseJSONGolden pins the command line JSON form of every small
// fixture to testdata/xml/<name>.json (IAMKIT_UPDATE_FIXTURES=1 rewrites).
func TestResponseJSONGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "xml", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if file == listUsers1000 {
			continue
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			resp := mustParseResponse(t, body)
			compact, err := json.Marshal(resp)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := json.Indent(&got, compact, "", "  "); err != nil {
				t.Fatal(err)
			}
			got.WriteByte('\n')
			golden := strings.TrimSuffix(file, ".xml") + ".json"
			if updateFixtures {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("JSON form differs from %s:\n%s", golden, got.Bytes())
			}
		})
	}
}

func TestNodeMarshalJSON(t *testing.T) {
	resp := mustParseResponse(t, readFixture(t, "listaccesskeys-2.xml"))
	out, err := json.Marshal(struct {
		Keys Node
		Meta Node
	}{resp.Get("AccessKeyMetadata"), resp.Get("ResponseMetadata")})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Keys":[{"UserName":"Bob","AccessKeyId":"AKIAIOSFODNN7EXAMPLE","Status":"Active","CreateDate":"2013-01-17T20:32:27Z"},` +
		`{"UserName":"Bob","AccessKeyId":"AKIAI44QH8DHBEXAMPLE","Status":"Inactive","CreateDate":"2014-06-02T11:05:10Z"}],` +
		`"Meta":{"RequestId":"7a62c49f-347e-4fc4-9331-6e8eEXAMPLE"}}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}
