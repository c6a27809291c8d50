package iam

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/iamkit/iam/iamtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedForms returns a client whose server answers each request by its
// Marker (pages[""] for the first) after asserting the form is want plus
// that Marker, so an iterator test sees both pages and what was sent.
func pagedForms(t *testing.T, want url.Values, pages map[string]string) (*Client, *[]string) {
	t.Helper()
	var markers []string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		m := r.PostForm.Get("Marker")
		markers = append(markers, m)
		exp := url.Values{}
		for k, v := range want {
			exp[k] = v
		}
		if m != "" {
			exp.Set("Marker", m)
		}
		assert.Equal(t, exp, r.PostForm, "form values sent")
		body, ok := pages[m]
		require.True(t, ok, "unexpected marker %q", m)
		xmlReply(w, 200, body)
	})
	return c, &markers
}

const bobMFA = "arn:aws:iam::123456789012:mfa/bob-mfa"

func TestListMFADevices(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		serials []string
		more    bool
	}{
		"zero": {"listmfadevices-0.xml", []string{}, false},
		"one":  {"listmfadevices-1.xml", []string{"arn:aws:iam::123456789012:mfa/bob-phone"}, false},
		"many": {"listmfadevices-many.xml", []string{"arn:aws:iam::123456789012:mfa/bob-phone", "GAHT12345678", "arn:aws:iam::123456789012:mfa/bob-tablet"}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListMFADevices", "UserName", "Bob"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListMFADevices(ctx, "Bob", nil)
			require.NoError(t, err)
			serials := []string{}
			for _, d := range out.MFADevices {
				serials = append(serials, d.SerialNumber)
				assert.Equal(t, "Bob", d.UserName)
				assert.False(t, d.EnableDate.IsZero())
			}
			assert.Equal(t, tc.serials, serials)
			assert.Equal(t, tc.more, out.IsTruncated)
		})
	}
	t.Run("caller sends no UserName; paging options sent", func(t *testing.T) {
		c, _ := expectForm(t, form("ListMFADevices", "MaxItems", "3", "Marker", "m1"), 200, typedFixture(t, "listmfadevices-many.xml"))
		out, err := c.ListMFADevices(ctx, "", &PageOptions{MaxItems: 3, Marker: "m1"})
		require.NoError(t, err)
		assert.Equal(t, "page-2", out.Marker)
		assert.Equal(t, time.Date(2024, 6, 1, 0, 0, 0, 123e6, time.UTC), out.MFADevices[1].EnableDate)
		assert.Equal(t, "5b3c2f1a-0000-4000-8000-typed2EXAMPLE", out.Response().RequestID())
	})
	t.Run("iterator walks both pages", func(t *testing.T) {
		c, markers := pagedForms(t, form("ListMFADevices", "UserName", "Bob"), map[string]string{
			"":       typedFixture(t, "listmfadevices-many.xml"),
			"page-2": typedFixture(t, "listmfadevices-1.xml"),
		})
		n := 0
		for d, err := range c.ListMFADevicesAll(ctx, "Bob", nil) {
			require.NoError(t, err)
			assert.NotEmpty(t, d.SerialNumber)
			n++
		}
		assert.Equal(t, 4, n)
		assert.Equal(t, []string{"", "page-2"}, *markers)
	})
	t.Run("malformed date is an error", func(t *testing.T) {
		body := `<ListMFADevicesResponse><ListMFADevicesResult><MFADevices><member><UserName>Bob</UserName>
<SerialNumber>GAHT12345678</SerialNumber><EnableDate>yesterday</EnableDate></member></MFADevices>
</ListMFADevicesResult></ListMFADevicesResponse>`
		c, _ := expectForm(t, form("ListMFADevices"), 200, body)
		_, err := c.ListMFADevices(ctx, "", nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "EnableDate")
	})
}

func TestEnableResyncDeactivateMFADevice(t *testing.T) {
	ctx := context.Background()
	codes := []string{"AuthenticationCode1", "123456", "AuthenticationCode2", "654321"}
	t.Run("EnableMFADevice", func(t *testing.T) {
		c, hits := expectForm(t, form("EnableMFADevice", append([]string{"UserName", "Bob", "SerialNumber", bobMFA}, codes...)...), 200, emptyResult("EnableMFADevice"))
		require.NoError(t, c.EnableMFADevice(ctx, "Bob", bobMFA, "123456", "654321"))
		assert.Equal(t, int32(1), hits.Load())
	})
	t.Run("ResyncMFADevice", func(t *testing.T) {
		c, _ := expectForm(t, form("ResyncMFADevice", append([]string{"UserName", "Bob", "SerialNumber", "GAHT12345678"}, codes...)...), 200, emptyResult("ResyncMFADevice"))
		require.NoError(t, c.ResyncMFADevice(ctx, "Bob", "GAHT12345678", "123456", "654321"))
	})
	t.Run("DeactivateMFADevice", func(t *testing.T) {
		c, _ := expectForm(t, form("DeactivateMFADevice", "UserName", "Bob", "SerialNumber", bobMFA), 200, emptyResult("DeactivateMFADevice"))
		require.NoError(t, c.DeactivateMFADevice(ctx, "Bob", bobMFA))
	})
	t.Run("DeactivateMFADevice for the caller sends no UserName", func(t *testing.T) {
		c, _ := expectForm(t, form("DeactivateMFADevice", "SerialNumber", bobMFA), 200, emptyResult("DeactivateMFADevice"))
		require.NoError(t, c.DeactivateMFADevice(ctx, "", bobMFA))
	})

	refused := map[string]struct {
		call  func(c *Client) error
		field string
	}{
		"five-digit code":   {func(c *Client) error { return c.EnableMFADevice(ctx, "Bob", bobMFA, "12345", "654321") }, "AuthenticationCode1"},
		"letters in code":   {func(c *Client) error { return c.ResyncMFADevice(ctx, "Bob", bobMFA, "123456", "65432x") }, "AuthenticationCode2"},
		"short serial":      {func(c *Client) error { return c.EnableMFADevice(ctx, "Bob", "GAHT", "123456", "654321") }, "SerialNumber"},
		"serial with space": {func(c *Client) error { return c.DeactivateMFADevice(ctx, "Bob", "arn:aws:iam::1:mfa/a b") }, "SerialNumber"},
		"missing user":      {func(c *Client) error { return c.EnableMFADevice(ctx, "", bobMFA, "123456", "654321") }, "UserName"},
		"missing serial":    {func(c *Client) error { return c.DeleteVirtualMFADevice(ctx, "") }, "SerialNumber"},
		"tag without tags":  {func(c *Client) error { return c.TagMFADevice(ctx, bobMFA, nil) }, "Tags"},
		"untag aws: key":    {func(c *Client) error { return c.UntagMFADevice(ctx, bobMFA, []string{"aws:x"}) }, "TagKeys[0]"},
		"device name too long": {func(c *Client) error {
			_, err := c.CreateVirtualMFADevice(ctx, string(make([]byte, 227)), nil)
			return err
		}, "VirtualMFADeviceName"},
		"bad assignment status": {func(c *Client) error {
			_, err := c.ListVirtualMFADevices(ctx, &ListVirtualMFADevicesOptions{AssignmentStatus: "Mine"})
			return err
		}, "AssignmentStatus"},
	}
	for name, tc := range refused {
		t.Run("refused: "+name, func(t *testing.T) {
			err := tc.call(neverCalled(t))
			ve := requireValidation(t, err, oeAction(err), tc.field)
			if tc.field == "AuthenticationCode1" || tc.field == "AuthenticationCode2" {
				assert.Equal(t, redacted, ve.Value, "codes are never quoted")
			}
		})
	}
}

// oeAction returns the action an *OperationError names, for tables that
// check the field rather than the action.
func oeAction(err error) string {
	var oe *OperationError
	if errors.As(err, &oe) {
		return oe.Action
	}
	return ""
}

func TestCreateVirtualMFADevice(t *testing.T) {
	ctx := context.Background()
	t.Run("defaults", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateVirtualMFADevice", "VirtualMFADeviceName", "bob-mfa"), 200, typedFixture(t, "createvirtualmfadevice.xml"))
		d, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
		require.NoError(t, err)
		assert.Equal(t, bobMFA, d.SerialNumber)
		assert.Equal(t, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", d.Base32StringSeed())
		seed, err := d.Seed()
		require.NoError(t, err)
		assert.Equal(t, rfc6238Seed, seed)
		assert.True(t, bytes.HasPrefix(d.QRCodePNG(), []byte("\x89PNG\r\n\x1a\n")))
		assert.Equal(t, []Tag{{"team", "blue"}}, d.Tags)
		assert.Nil(t, d.User)
		assert.True(t, d.EnableDate.IsZero())
		assert.Equal(t, "VirtualMFADevice", d.Element().Name())
	})
	t.Run("path and tags", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateVirtualMFADevice", "VirtualMFADeviceName", "bob-mfa", "Path", "/mfa/",
			"Tags.member.1.Key", "team", "Tags.member.1.Value", "blue"), 200, typedFixture(t, "createvirtualmfadevice.xml"))
		_, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", &CreateVirtualMFADeviceOptions{Path: "/mfa/", Tags: []Tag{{"team", "blue"}}})
		require.NoError(t, err)
	})
	t.Run("malformed base64 seed is an error that does not quote it", func(t *testing.T) {
		body := `<CreateVirtualMFADeviceResponse><CreateVirtualMFADeviceResult><VirtualMFADevice>
<SerialNumber>` + bobMFA + `</SerialNumber><Base32StringSeed>SECRET*SEED*TEXT</Base32StringSeed>
</VirtualMFADevice></CreateVirtualMFADeviceResult></CreateVirtualMFADeviceResponse>`
		c, _ := expectForm(t, form("CreateVirtualMFADevice", "VirtualMFADeviceName", "bob-mfa"), 200, body)
		_, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "Base32StringSeed")
		assert.NotContains(t, err.Error(), "SECRET*SEED")
	})
	t.Run("missing device element", func(t *testing.T) {
		c, _ := expectForm(t, form("CreateVirtualMFADevice", "VirtualMFADeviceName", "bob-mfa"), 200,
			`<CreateVirtualMFADeviceResponse><CreateVirtualMFADeviceResult/></CreateVirtualMFADeviceResponse>`)
		_, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "VirtualMFADevice")
	})
	t.Run("Seed of a listed device is an error", func(t *testing.T) {
		_, err := VirtualMFADevice{SerialNumber: bobMFA}.Seed()
		require.Error(t, err)
	})
}

func TestVirtualMFADeviceSecretsAreRedacted(t *testing.T) {
	c, _ := expectForm(t, form("CreateVirtualMFADevice", "VirtualMFADeviceName", "bob-mfa"), 200, typedFixture(t, "createvirtualmfadevice.xml"))
	d, err := c.CreateVirtualMFADevice(context.Background(), "bob-mfa", nil)
	require.NoError(t, err)
	printed := printedForms(t, *d)
	for how, s := range printed {
		for _, secret := range []string{"GEZDGNBVGY3TQOJQ", "R0VaREdOQlZHWTNU", "TEST-ONLY-NOT-A-REAL-QR", "iVBORw0KGgp", "\x89PNG"} {
			assert.NotContains(t, s, secret, how)
		}
	}
	assert.Contains(t, printed["value %v"], bobMFA)
	assert.Contains(t, printed["value %v"], redacted)
	assert.Contains(t, printed["value %#v"], "iam.VirtualMFADevice")
}

// printedForms renders v every way a caller might print or log it: fmt
// verbs on the value, a pointer, a slice and an enclosing struct;
// String/GoString when present; slog's JSON handler; encoding/json.
func printedForms[T any](t *testing.T, v T) map[string]string {
	t.Helper()
	printed := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		printed["value "+verb] = fmt.Sprintf(verb, v)
		printed["pointer "+verb] = fmt.Sprintf(verb, &v)
		printed["in slice "+verb] = fmt.Sprintf(verb, []T{v})
		printed["in struct "+verb] = fmt.Sprintf(verb, struct{ V T }{v})
	}
	printed["Sprint"] = fmt.Sprint(v)
	printed["Println"] = fmt.Sprintln(v)
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("result", "value", v, "pointer", &v)
	printed["slog JSON"] = logs.String()
	var text bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("result", "value", v)
	printed["slog text"] = text.String()
	js, err := json.Marshal(v)
	require.NoError(t, err)
	printed["json"] = string(js)
	return printed
}

func TestListVirtualMFADevices(t *testing.T) {
	ctx := context.Background()
	tests := map[string]struct {
		fixture string
		serials []string
		users   []string
	}{
		"zero": {"listvirtualmfadevices-0.xml", []string{}, []string{}},
		"one":  {"listvirtualmfadevices-1.xml", []string{bobMFA}, []string{"bob"}},
		"many": {"listvirtualmfadevices-many.xml",
			[]string{bobMFA, "arn:aws:iam::123456789012:mfa/spare", "arn:aws:iam::123456789012:root-account-mfa-device"},
			[]string{"bob", "", ""}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, _ := expectForm(t, form("ListVirtualMFADevices"), 200, typedFixture(t, tc.fixture))
			out, err := c.ListVirtualMFADevices(ctx, nil)
			require.NoError(t, err)
			serials, users := []string{}, []string{}
			for _, d := range out.VirtualMFADevices {
				serials = append(serials, d.SerialNumber)
				u := ""
				if d.User != nil {
					u = d.User.UserName
				}
				users = append(users, u)
				assert.Empty(t, d.Base32StringSeed())
				assert.Nil(t, d.QRCodePNG())
			}
			assert.Equal(t, tc.serials, serials)
			assert.Equal(t, tc.users, users)
			assert.False(t, out.IsTruncated)

			c2, _ := expectForm(t, form("ListVirtualMFADevices", "AssignmentStatus", "Any"), 200, typedFixture(t, tc.fixture))
			n := 0
			for _, err := range c2.ListVirtualMFADevicesAll(ctx, &ListVirtualMFADevicesOptions{AssignmentStatus: AssignmentAny}) {
				require.NoError(t, err)
				n++
			}
			assert.Equal(t, len(tc.serials), n)
		})
	}
	t.Run("assigned filter and user fields", func(t *testing.T) {
		c, _ := expectForm(t, form("ListVirtualMFADevices", "AssignmentStatus", "Assigned", "MaxItems", "10"), 200, typedFixture(t, "listvirtualmfadevices-1.xml"))
		out, err := c.ListVirtualMFADevices(ctx, &ListVirtualMFADevicesOptions{AssignmentStatus: AssignmentAssigned, PageOptions: PageOptions{MaxItems: 10}})
		require.NoError(t, err)
		d := out.VirtualMFADevices[0]
		assert.Equal(t, "arn:aws:iam::123456789012:user/bob", d.User.ARN)
		assert.Equal(t, time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC), d.EnableDate)
	})
	t.Run("unassigned filter", func(t *testing.T) {
		c, _ := expectForm(t, form("ListVirtualMFADevices", "AssignmentStatus", "Unassigned"), 200, typedFixture(t, "listvirtualmfadevices-0.xml"))
		_, err := c.ListVirtualMFADevices(ctx, &ListVirtualMFADevicesOptions{AssignmentStatus: AssignmentUnassigned})
		require.NoError(t, err)
	})
}

func TestDeleteAndTagVirtualMFADevice(t *testing.T) {
	ctx := context.Background()
	t.Run("DeleteVirtualMFADevice", func(t *testing.T) {
		c, _ := expectForm(t, form("DeleteVirtualMFADevice", "SerialNumber", bobMFA), 200, emptyResult("DeleteVirtualMFADevice"))
		require.NoError(t, c.DeleteVirtualMFADevice(ctx, bobMFA))
	})
	t.Run("TagMFADevice", func(t *testing.T) {
		c, _ := expectForm(t, form("TagMFADevice", "SerialNumber", bobMFA, "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue",
			"Tags.member.2.Key", "env", "Tags.member.2.Value", ""), 200, emptyResult("TagMFADevice"))
		require.NoError(t, c.TagMFADevice(ctx, bobMFA, []Tag{{"team", "blue"}, {"env", ""}}))
	})
	t.Run("UntagMFADevice", func(t *testing.T) {
		c, _ := expectForm(t, form("UntagMFADevice", "SerialNumber", bobMFA, "TagKeys.member.1", "team", "TagKeys.member.2", "env"), 200, emptyResult("UntagMFADevice"))
		require.NoError(t, c.UntagMFADevice(ctx, bobMFA, []string{"team", "env"}))
	})
}

// TestVirtualMFAEndToEnd creates a virtual device on the local IAM
// server and enables it with two consecutive codes computed from its
// seed, the way a provisioning script without a phone would.
func TestVirtualMFAEndToEnd(t *testing.T) {
	ctx := context.Background()
	now := testTime
	c := newLocalClient(t, now)

	_, err := c.CreateUser(ctx, "bob", nil)
	require.NoError(t, err)
	dev, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
	require.NoError(t, err)
	seed, err := dev.Seed()
	require.NoError(t, err)

	wrong1, wrong2 := TOTPPair(seed, now.Add(-time.Hour))
	require.Error(t, c.EnableMFADevice(ctx, "bob", dev.SerialNumber, wrong1, wrong2), "stale codes are refused")

	code1, code2 := TOTPPair(seed, now)
	require.NoError(t, c.EnableMFADevice(ctx, "bob", dev.SerialNumber, code1, code2))

	out, err := c.ListMFADevices(ctx, "bob", nil)
	require.NoError(t, err)
	require.Len(t, out.MFADevices, 1)
	assert.Equal(t, dev.SerialNumber, out.MFADevices[0].SerialNumber)

	assigned, err := c.ListVirtualMFADevices(ctx, &ListVirtualMFADevicesOptions{AssignmentStatus: AssignmentAssigned})
	require.NoError(t, err)
	require.Len(t, assigned.VirtualMFADevices, 1)
	require.NotNil(t, assigned.VirtualMFADevices[0].User)
	assert.Equal(t, "bob", assigned.VirtualMFADevices[0].User.UserName)

	require.NoError(t, c.DeactivateMFADevice(ctx, "bob", dev.SerialNumber))
	require.NoError(t, c.DeleteVirtualMFADevice(ctx, dev.SerialNumber))
	left, err := c.ListVirtualMFADevices(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, left.VirtualMFADevices)
}

// newLocalClient returns a client of a fresh local IAM server (iamtest)
// whose clock and the client's stand still at now, for end-to-end tests.
func newLocalClient(t *testing.T, now time.Time) *Client {
	t.Helper()
	srv := iamtest.New(t, iamtest.WithSeed(7), iamtest.WithClock(func() time.Time { return now }))
	ak, sk := srv.RootCredentials()
	c, err := New(WithEndpoint(srv.URL), WithRegion(iamtest.Region),
		WithCredentials(StaticCredentials(ak, sk, "")), WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	return c
}

// ExampleClient_EnableMFADevice creates a virtual MFA device and enables
// it for a user with two consecutive codes computed from its seed, as a
// provisioning script without a phone would.
func ExampleClient_EnableMFADevice() {
	srv := iamtest.NewServer()
	defer srv.Close()
	ak, sk := srv.RootCredentials()
	c, err := New(WithEndpoint(srv.URL), WithRegion(iamtest.Region), WithCredentials(StaticCredentials(ak, sk, "")))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if _, err := c.CreateUser(ctx, "bob", nil); err != nil {
		panic(err)
	}
	dev, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
	if err != nil {
		panic(err)
	}
	seed, err := dev.Seed() // store it safely: it is the device
	if err != nil {
		panic(err)
	}
	code1, code2 := TOTPPair(seed, time.Now())
	if err := c.EnableMFADevice(ctx, "bob", dev.SerialNumber, code1, code2); err != nil {
		panic(err)
	}
	devices, err := c.ListMFADevices(ctx, "bob", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(devices.MFADevices), "device enabled for", devices.MFADevices[0].UserName)
	// Output: 1 device enabled for bob
}
