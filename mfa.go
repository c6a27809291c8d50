package iam

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"strconv"
	"time"
)

// MFADevice is an MFA device enabled for a user, as ListMFADevices
// returns it. For a virtual device SerialNumber is the device's ARN.
type MFADevice struct {
	UserName     string
	SerialNumber string
	EnableDate   time.Time

	source
}

func readMFADevice(n Node, resp *Response) (MFADevice, error) {
	f := fields{n: n}
	d := MFADevice{
		UserName:     f.str("UserName"),
		SerialNumber: f.str("SerialNumber"),
		EnableDate:   f.time("EnableDate"),
		source:       source{n, resp},
	}
	return d, f.err
}

// ListMFADevicesOutput is one page of ListMFADevices.
type ListMFADevicesOutput struct {
	MFADevices []MFADevice
	PageInfo
	source
}

// ListMFADevices returns one page of the MFA devices enabled for a user;
// an empty userName means the caller, and then no UserName is sent.
func (c *Client) ListMFADevices(ctx context.Context, userName string, opts *PageOptions) (*ListMFADevicesOutput, error) {
	const action = "ListMFADevices"
	p := Params{}
	if err := addPageParams(p, action, "UserName", userName, optionalUserNameCheck, opts); err != nil {
		return nil, err
	}
	pg, err := listPage(ctx, c, action, p, "MFADevices", readMFADevice)
	if err != nil {
		return nil, err
	}
	return &ListMFADevicesOutput{MFADevices: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListMFADevicesAll iterates over every MFA device of a user (an empty
// userName means the caller).
func (c *Client) ListMFADevicesAll(ctx context.Context, userName string, opts *PageOptions) iter.Seq2[MFADevice, error] {
	return allPages(ctx, "ListMFADevices", opts, pageOf(bind(c.ListMFADevices, userName), func(o *ListMFADevicesOutput) []MFADevice { return o.MFADevices }))
}

// EnableMFADevice assigns an MFA device to a user and enables it. code1
// and code2 are two consecutive codes the device showed; for a virtual
// device, TOTPPair computes them from the seed. The codes never appear in
// errors or logs.
func (c *Client) EnableMFADevice(ctx context.Context, userName, serialNumber, code1, code2 string) error {
	return c.mfaCodes(ctx, "EnableMFADevice", userName, serialNumber, code1, code2)
}

// ResyncMFADevice resynchronizes a user's MFA device whose clock drifted,
// with two consecutive codes it shows now.
func (c *Client) ResyncMFADevice(ctx context.Context, userName, serialNumber, code1, code2 string) error {
	return c.mfaCodes(ctx, "ResyncMFADevice", userName, serialNumber, code1, code2)
}

func (c *Client) mfaCodes(ctx context.Context, action, userName, serialNumber, code1, code2 string) error {
	if err := checkAll(
		checkUserName("UserName", userName),
		checkSerialNumber(serialNumber),
		checkAuthCode("AuthenticationCode1", code1),
		checkAuthCode("AuthenticationCode2", code2),
	); err != nil {
		return validationFailed(action, err)
	}
	_, err := c.Call(ctx, action, Params{
		"UserName":            userName,
		"SerialNumber":        serialNumber,
		"AuthenticationCode1": code1,
		"AuthenticationCode2": code2,
	})
	return err
}

// mfaDeviceCredential names an MFA device of a user.
var mfaDeviceCredential = credentialKind{idParam: "SerialNumber", checkID: checkSerialNumber}

// DeactivateMFADevice disables a user's MFA device and removes it from
// the user; a virtual device still exists afterwards (see
// DeleteVirtualMFADevice). An empty userName means the caller, and then
// no UserName is sent.
func (c *Client) DeactivateMFADevice(ctx context.Context, userName, serialNumber string) error {
	return c.credentialAction(ctx, "DeactivateMFADevice", mfaDeviceCredential, userName, serialNumber)
}

// VirtualMFADevice is a virtual MFA device. CreateVirtualMFADevice fills
// the seed and the QR code, the only time IAM reveals them;
// ListVirtualMFADevices fills SerialNumber, and User and EnableDate for an
// assigned device, but never the seed, the QR code or Tags.
//
// The seed and the QR code (which encodes the seed) are kept out of every
// printed and logged form: String, GoString, every fmt verb, slog
// (LogValue) and encoding/json show them redacted. Read them with
// Base32StringSeed, Seed and QRCodePNG.
type VirtualMFADevice struct {
	// SerialNumber is the device's ARN, the value EnableMFADevice takes.
	SerialNumber string
	// EnableDate is zero while the device is not enabled for a user.
	EnableDate time.Time
	// User is the user the device is assigned to, nil when unassigned.
	User *User
	// Tags are returned by CreateVirtualMFADevice only.
	Tags []Tag

	base32Seed []byte
	qrCodePNG  []byte
	source
}

// Base32StringSeed returns the device's secret as base32 text (the
// response's base64 wrapper removed), as an authenticator app takes it
// when typed in. Empty unless the device came from CreateVirtualMFADevice.
func (d VirtualMFADevice) Base32StringSeed() string { return string(d.base32Seed) }

// Seed returns the device's raw secret, ready for TOTP and TOTPPair. It
// is an error when the result carried no seed or the seed is not base32.
func (d VirtualMFADevice) Seed() ([]byte, error) {
	if len(d.base32Seed) == 0 {
		return nil, fmt.Errorf("iam: virtual MFA device %s: no seed (only CreateVirtualMFADevice returns it)", d.SerialNumber)
	}
	return DecodeTOTPSeed(string(d.base32Seed))
}

// QRCodePNG returns the PNG image of the QR code that carries the seed
// (an otpauth://totp/ URI), decoded from base64. Nil unless the device
// came from CreateVirtualMFADevice.
func (d VirtualMFADevice) QRCodePNG() []byte { return d.qrCodePNG }

// shownSecret is how a secret field prints: redacted when set, empty when
// not, so a printed value still tells whether the secret came back.
func shownSecret(set bool) string {
	if set {
		return redacted
	}
	return ""
}

// String shows the device with its seed and QR code redacted.
func (d VirtualMFADevice) String() string {
	user := ""
	if d.User != nil {
		user = d.User.UserName
	}
	enabled := ""
	if !d.EnableDate.IsZero() {
		enabled = d.EnableDate.Format(time.RFC3339)
	}
	return fmt.Sprintf("{SerialNumber:%s EnableDate:%s User:%s Tags:%v Base32StringSeed:%s QRCodePNG:%s}",
		d.SerialNumber, enabled, user, d.Tags, shownSecret(len(d.base32Seed) > 0), shownSecret(len(d.qrCodePNG) > 0))
}

// GoString is String for %#v, so that the secrets stay hidden there too.
func (d VirtualMFADevice) GoString() string { return "iam.VirtualMFADevice" + d.String() }

// Format makes every fmt verb print the redacted form.
func (d VirtualMFADevice) Format(f fmt.State, verb rune) { formatRedacted(f, verb, d) }

// LogValue logs the device without its secrets.
func (d VirtualMFADevice) LogValue() slog.Value {
	user := ""
	if d.User != nil {
		user = d.User.UserName
	}
	return slog.GroupValue(
		slog.String("serial_number", d.SerialNumber),
		slog.Time("enable_date", d.EnableDate),
		slog.String("user_name", user),
		slog.String("base32_string_seed", shownSecret(len(d.base32Seed) > 0)),
		slog.String("qr_code_png", shownSecret(len(d.qrCodePNG) > 0)),
	)
}

// MarshalJSON writes the device with its secrets redacted.
func (d VirtualMFADevice) MarshalJSON() ([]byte, error) {
	type shown struct {
		SerialNumber     string
		EnableDate       time.Time
		User             *User `json:",omitempty"`
		Tags             []Tag `json:",omitempty"`
		Base32StringSeed string
		QRCodePNG        string
	}
	return json.Marshal(shown{d.SerialNumber, d.EnableDate, d.User, d.Tags,
		shownSecret(len(d.base32Seed) > 0), shownSecret(len(d.qrCodePNG) > 0)})
}

// redactedStringer is a value whose String and GoString hide its secrets.
type redactedStringer interface {
	String() string
	GoString() string
}

// formatRedacted implements fmt.Formatter for a type with secrets:
// without it %+v and %x would walk the struct fields. %#v prints GoString,
// every other verb String.
func formatRedacted(f fmt.State, verb rune, v redactedStringer) {
	if verb == 'v' && f.Flag('#') {
		_, _ = fmt.Fprint(f, v.GoString())
		return
	}
	_, _ = fmt.Fprint(f, v.String())
}

// blob reads a base64 element (IAM's blob type). A missing element
// is nil; a malformed one is an error that does not quote the value,
// since blobs here are secrets.
func (f *fields) blob(name string) []byte {
	c := f.n.Path(name)
	if !c.Exists() || f.err != nil {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(trimSpaceASCII(c.String()))
	if err != nil {
		f.err = fmt.Errorf("iam: response element %s: invalid base64 (%d characters)", name, len(c.String()))
		return nil
	}
	return b
}

// trimSpaceASCII drops the whitespace a server may wrap around a long
// base64 value, including line breaks inside it.
func trimSpaceASCII(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
		default:
			out = append(out, s[i])
		}
	}
	return string(out)
}

func readVirtualMFADevice(n Node, resp *Response) (VirtualMFADevice, error) {
	f := fields{n: n}
	d := VirtualMFADevice{
		SerialNumber: f.str("SerialNumber"),
		EnableDate:   f.time("EnableDate"),
		Tags:         f.tags(),
		base32Seed:   f.blob("Base32StringSeed"),
		qrCodePNG:    f.blob("QRCodePNG"),
		source:       source{n, resp},
	}
	if u := n.Path("User"); u.Exists() && f.err == nil {
		user, err := readUser(u, resp)
		if err != nil {
			return d, fmt.Errorf("User: %w", err)
		}
		d.User = &user
	}
	return d, f.err
}

// CreateVirtualMFADeviceOptions are the optional settings of
// CreateVirtualMFADevice.
type CreateVirtualMFADeviceOptions struct {
	// Path is the device's path, "/" by default.
	Path string
	// Tags are attached to the new device (at most 50).
	Tags []Tag
}

// CreateVirtualMFADevice creates a virtual MFA device and returns its
// seed and QR code, which IAM never shows again. To enable it for a user
// without a phone, as a provisioning script would:
//
//	dev, err := c.CreateVirtualMFADevice(ctx, "bob-mfa", nil)
//	seed, err := dev.Seed()
//	code1, code2 := iam.TOTPPair(seed, time.Now())
//	err = c.EnableMFADevice(ctx, "bob", dev.SerialNumber, code1, code2)
func (c *Client) CreateVirtualMFADevice(ctx context.Context, name string, opts *CreateVirtualMFADeviceOptions) (*VirtualMFADevice, error) {
	const action = "CreateVirtualMFADevice"
	o := orDefaults(opts)
	if err := checkAll(
		checkName("VirtualMFADeviceName", name, 226, virtualMFANameRule),
		checkPath("Path", o.Path),
		checkTags(o.Tags, false),
	); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"VirtualMFADeviceName": name}
	setString(p, "Path", o.Path)
	setList(p, "Tags", o.Tags)
	return callElement(ctx, c, action, p, "VirtualMFADevice", readVirtualMFADevice)
}

// DeleteVirtualMFADevice deletes a virtual MFA device. IAM refuses
// (ErrDeleteConflict) while it is enabled for a user: DeactivateMFADevice
// first.
func (c *Client) DeleteVirtualMFADevice(ctx context.Context, serialNumber string) error {
	return c.idAction(ctx, "DeleteVirtualMFADevice", "SerialNumber", serialNumber, serialNumberCheck)
}

// AssignmentStatus selects virtual MFA devices by whether a user has
// them.
type AssignmentStatus string

// The assignment statuses ListVirtualMFADevices filters by.
const (
	AssignmentAssigned   AssignmentStatus = "Assigned"
	AssignmentUnassigned AssignmentStatus = "Unassigned"
	AssignmentAny        AssignmentStatus = "Any"
)

// ListVirtualMFADevicesOptions filter and page ListVirtualMFADevices.
type ListVirtualMFADevicesOptions struct {
	// AssignmentStatus keeps assigned or unassigned devices; empty (not
	// sent) lists all, like AssignmentAny.
	AssignmentStatus AssignmentStatus
	PageOptions
}

// ListVirtualMFADevicesOutput is one page of ListVirtualMFADevices.
type ListVirtualMFADevicesOutput struct {
	// VirtualMFADevices carry no seed, QR code or tags.
	VirtualMFADevices []VirtualMFADevice
	PageInfo
	source
}

// ListVirtualMFADevices returns one page of the account's virtual MFA
// devices. See ListVirtualMFADevicesAll.
func (c *Client) ListVirtualMFADevices(ctx context.Context, opts *ListVirtualMFADevicesOptions) (*ListVirtualMFADevicesOutput, error) {
	const action = "ListVirtualMFADevices"
	o := orDefaults(opts)
	p := Params{}
	statusErr := error(nil)
	switch o.AssignmentStatus {
	case "", AssignmentAssigned, AssignmentUnassigned, AssignmentAny:
	default:
		statusErr = invalid("AssignmentStatus", string(o.AssignmentStatus), `must be "Assigned", "Unassigned" or "Any"`)
	}
	if err := checkAll(statusErr, o.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	setString(p, "AssignmentStatus", string(o.AssignmentStatus))
	pg, err := listPage(ctx, c, action, p, "VirtualMFADevices", readVirtualMFADevice)
	if err != nil {
		return nil, err
	}
	return &ListVirtualMFADevicesOutput{VirtualMFADevices: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListVirtualMFADevicesAll iterates over every virtual MFA device that
// matches opts.
func (c *Client) ListVirtualMFADevicesAll(ctx context.Context, opts *ListVirtualMFADevicesOptions) iter.Seq2[VirtualMFADevice, error] {
	return allPages(ctx, "ListVirtualMFADevices", opts, pageOf(c.ListVirtualMFADevices, func(o *ListVirtualMFADevicesOutput) []VirtualMFADevice { return o.VirtualMFADevices }))
}

// TagMFADevice adds tags to a virtual MFA device, replacing the value of
// a key it already has.
func (c *Client) TagMFADevice(ctx context.Context, serialNumber string, tags []Tag) error {
	return c.tagResource(ctx, "TagMFADevice", "SerialNumber", serialNumber, serialNumberCheck, tags)
}

// UntagMFADevice removes the tags with the given keys from a virtual MFA
// device.
func (c *Client) UntagMFADevice(ctx context.Context, serialNumber string, keys []string) error {
	return c.untagResource(ctx, "UntagMFADevice", "SerialNumber", serialNumber, serialNumberCheck, keys)
}

// Rules of the IAM API reference for MFA arguments.
const (
	virtualMFANameRule = `must match [\w+=,.@-]+ (1-226 characters)`
	serialNumberRule   = `must match [\w+=/:,.@-]+ (9-256 characters)`
	authCodeRule       = "must be exactly 6 digits"
)

// checkSerialNumber checks an MFA serial number: a hardware serial or a
// virtual device's ARN.
func checkSerialNumber(s string) error {
	if s == "" {
		return invalid("SerialNumber", s, requiredRule+"; "+serialNumberRule)
	}
	if !checkChars(s, 9, 256, func(r byte) bool { return isNameChar(rune(r)) || r == '/' || r == ':' }) {
		return invalid("SerialNumber", s, serialNumberRule)
	}
	return nil
}

// checkAuthCode checks an MFA code. Its value is never quoted (the field
// name is a secret one, so invalid redacts it).
func checkAuthCode(field, code string) error {
	if len(code) != 6 {
		return invalid(field, code, authCodeRule)
	}
	if _, err := strconv.ParseUint(code, 10, 32); err != nil {
		return invalid(field, code, authCodeRule)
	}
	return nil
}

// checkChars reports whether s is min to max bytes, each accepted by ok.
func checkChars(s string, min, max int, ok func(byte) bool) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}
