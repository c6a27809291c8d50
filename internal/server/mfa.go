package server

import (
	"encoding/base32"
	"encoding/base64"
	"net/url"
	"strings"
	"time"
)

func init() {
	register("CreateVirtualMFADevice", true, resMFA, createVirtualMFADevice)
	register("DeleteVirtualMFADevice", true, resMFA, deleteVirtualMFADevice)
	register("ListVirtualMFADevices", false, nil, listVirtualMFADevices)
	register("EnableMFADevice", true, resUser("UserName"), enableMFADevice)
	register("DeactivateMFADevice", true, resUser("UserName"), deactivateMFADevice)
	register("ResyncMFADevice", true, resUser("UserName"), resyncMFADevice)
	register("ListMFADevices", false, resUser("UserName"), listMFADevices)
	register("GetMFADevice", false, resUser("UserName"), getMFADevice)
	registerTagging("MFADevice", resMFA, (*call).mfaDevice)
}

// maxMFAPerUser is IAM's quota of MFA devices per user.
const maxMFAPerUser = 8

func createVirtualMFADevice(c *call) *APIError {
	name, path, err := namePathParams(c.p, "VirtualMFADeviceName", 226)
	if err != nil {
		return err
	}
	tags, err := tagsParam(c.p)
	if err != nil {
		return err
	}
	serial := c.s.mfaArn(path, name)
	exists := false
	c.s.st.MFADevices.each(func(d *mfaDevice) bool {
		exists = d.Virtual && fold(d.Name) == fold(name)
		return !exists
	})
	if exists {
		return alreadyExists("MFADevice", name)
	}
	seed := make([]byte, 20)
	c.s.readRand(seed)
	d := &mfaDevice{Serial: serial, Name: name, Path: path, Virtual: true, Seed: seed, Created: c.now, Tags: tags}
	c.s.st.MFADevices.put(serial, d)

	b32 := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(seed)
	label := name + "@" + c.s.account
	if len(c.s.st.Aliases) > 0 {
		label = name + "@" + c.s.st.Aliases[0]
	}
	uri := "otpauth://totp/" + url.PathEscape("Amazon Web Services:"+label) + "?secret=" + b32 + "&issuer=Amazon%20Web%20Services"
	png, perr := qrPNG(uri)
	if perr != nil {
		// A name near its 226-character limit does not fit a QR code
		// this encoder makes; the label is cosmetic, the secret is not.
		png, perr = qrPNG("otpauth://totp/" + url.PathEscape(c.s.account) + "?secret=" + b32)
	}
	if perr != nil {
		return errf(CodeServiceFailure, "The QR code could not be generated.")
	}
	c.w.open("VirtualMFADevice")
	c.w.elem("SerialNumber", serial)
	// Both are blobs on the wire, hence base64 around the base32 seed.
	c.w.elem("Base32StringSeed", base64.StdEncoding.EncodeToString([]byte(b32)))
	c.w.elem("QRCodePNG", base64.StdEncoding.EncodeToString(png))
	writeTags(c.w, "Tags", tags, false)
	c.w.close("VirtualMFADevice")
	return nil
}

// serialParam reads SerialNumber: 9..256 characters of [\w+=/:,.@-].
func (c *call) serialParam() (string, *APIError) {
	sn, err := c.p.required("SerialNumber")
	if err != nil {
		return "", err
	}
	if len(sn) < 9 || len(sn) > 256 {
		return "", validationf("SerialNumber", sn, "Member must have length between 9 and 256")
	}
	for i := 0; i < len(sn); i++ {
		if !nameChar(sn[i]) && sn[i] != '/' && sn[i] != ':' {
			return "", validationf("SerialNumber", sn, `Member must satisfy regular expression pattern: [\w+=/:,.@-]+`)
		}
	}
	return sn, nil
}

func (c *call) mfaDevice() (*mfaDevice, *APIError) {
	sn, err := c.serialParam()
	if err != nil {
		return nil, err
	}
	d, ok := c.s.st.MFADevices.get(sn)
	if !ok {
		return nil, errf(CodeNoSuchEntity, "VirtualMFADevice with serial number %s doesn't exist.", sn)
	}
	return d, nil
}

func deleteVirtualMFADevice(c *call) *APIError {
	d, err := c.mfaDevice()
	if err != nil {
		return err
	}
	if !d.Virtual {
		return errf(CodeNoSuchEntity, "VirtualMFADevice with serial number %s doesn't exist.", d.Serial)
	}
	if d.UserID != "" {
		return deleteConflict("MFA Device is in use by a user. Deactivate it first.")
	}
	c.s.st.MFADevices.del(d.Serial)
	return nil
}

func (s *Server) writeMFAUser(w *xmlw, d *mfaDevice) {
	if u := s.st.usersByID[d.UserID]; u != nil {
		s.writeUser(w, "User", u, false)
	}
}

func listVirtualMFADevices(c *call) *APIError {
	status, err := enumParam(c.p, "AssignmentStatus", "Unassigned", "Any", "Assigned")
	if err != nil {
		return err
	}
	keep := func(d *mfaDevice) bool {
		switch {
		case !d.Virtual:
			return false
		case status == "Assigned":
			return d.UserID != ""
		case status == "Unassigned":
			return d.UserID == ""
		}
		return true
	}
	return writeCollPage(c, "VirtualMFADevices", &c.s.st.MFADevices, keep, func(d *mfaDevice) {
		c.w.open("member")
		c.w.elem("SerialNumber", d.Serial)
		if d.UserID != "" {
			c.s.writeMFAUser(c.w, d)
			c.w.time("EnableDate", d.Enabled)
		}
		writeTags(c.w, "Tags", d.Tags, false)
		c.w.close("member")
	})
}

// codesParam reads AuthenticationCode1 and 2: six digits each.
func (c *call) codesParam() (string, string, *APIError) {
	var codes [2]string
	for i, f := range []string{"AuthenticationCode1", "AuthenticationCode2"} {
		v, err := c.p.required(f)
		if err != nil {
			return "", "", err
		}
		if len(v) != 6 || strings.Trim(v, "0123456789") != "" {
			return "", "", validationf(f, v, `Member must satisfy regular expression pattern: [\d]+ and have length 6`)
		}
		codes[i] = v
	}
	return codes[0], codes[1], nil
}

func invalidCode(serial string) *APIError {
	return errf(CodeInvalidAuthenticationCode, "Authentication code for device %s is not valid.", serial)
}

func enableMFADevice(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	sn, err := c.serialParam()
	if err != nil {
		return err
	}
	code1, code2, err := c.codesParam()
	if err != nil {
		return err
	}
	d, ok := c.s.st.MFADevices.get(sn)
	switch {
	case ok && d.UserID != "":
		return errf(CodeEntityAlreadyExists, "MFA device %s is already in use.", sn)
	case ok && d.Virtual:
		if !checkConsecutive(d.Seed, code1, code2, c.now) {
			return invalidCode(sn)
		}
	case strings.HasPrefix(sn, "arn:"):
		return errf(CodeNoSuchEntity, "VirtualMFADevice with serial number %s doesn't exist.", sn)
	default:
		// A hardware token: its seed is the vendor's, so the codes
		// cannot be checked here; IAM would, against its records.
		d = &mfaDevice{Serial: sn, Name: sn, Path: "/", Created: c.now}
	}
	if len(u.MFA) >= maxMFAPerUser {
		return limitExceeded("Cannot exceed quota for MFADevicesPerUser: %d", maxMFAPerUser)
	}
	d.UserID = u.ID
	d.Enabled = c.now
	c.s.st.MFADevices.put(d.Serial, d)
	u.MFA = append(u.MFA, d.Serial)
	return nil
}

// userDevice finds SerialNumber among the user's enabled devices.
func (c *call) userDevice(u *user) (*mfaDevice, *APIError) {
	sn, err := c.serialParam()
	if err != nil {
		return nil, err
	}
	d, ok := c.s.st.MFADevices.get(sn)
	if !ok || d.UserID != u.ID {
		return nil, errf(CodeNoSuchEntity, "MFA Device with serial number %s does not exist for user %s.", sn, u.Name)
	}
	return d, nil
}

func deactivateMFADevice(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	d, err := c.userDevice(u)
	if err != nil {
		return err
	}
	for i, sn := range u.MFA {
		if fold(sn) == fold(d.Serial) {
			u.MFA = append(u.MFA[:i:i], u.MFA[i+1:]...)
			break
		}
	}
	if d.Virtual {
		d.UserID, d.Enabled = "", time.Time{}
	} else {
		c.s.st.MFADevices.del(d.Serial)
	}
	return nil
}

func resyncMFADevice(c *call) *APIError {
	u, err := c.user("UserName")
	if err != nil {
		return err
	}
	d, err := c.userDevice(u)
	if err != nil {
		return err
	}
	code1, code2, err := c.codesParam()
	if err != nil {
		return err
	}
	if d.Virtual && !checkConsecutive(d.Seed, code1, code2, c.now) {
		return invalidCode(d.Serial)
	}
	return nil
}

func listMFADevices(c *call) *APIError {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return err
	}
	var serials []string
	if u != nil {
		serials = u.MFA
	}
	return writeSlicePage(c, "MFADevices", serials, func(sn string) {
		if d, ok := c.s.st.MFADevices.get(sn); ok {
			c.w.open("member")
			c.w.elem("UserName", u.Name)
			c.w.elem("SerialNumber", d.Serial)
			c.w.time("EnableDate", d.Enabled)
			c.w.close("member")
		}
	})
}

func getMFADevice(c *call) *APIError {
	u, err := c.userOrCaller("UserName")
	if err != nil {
		return err
	}
	sn, err := c.serialParam()
	if err != nil {
		return err
	}
	d, ok := c.s.st.MFADevices.get(sn)
	if !ok || d.UserID == "" || u != nil && d.UserID != u.ID {
		return errf(CodeNoSuchEntity, "MFA Device with serial number %s does not exist.", sn)
	}
	owner := c.s.st.usersByID[d.UserID]
	if owner != nil {
		c.w.elem("UserName", owner.Name)
	}
	c.w.elem("SerialNumber", d.Serial)
	c.w.time("EnableDate", d.Enabled)
	return nil
}
