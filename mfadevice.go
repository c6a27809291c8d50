package iam

import (
	"context"
	"time"
)

// MFADeviceDetails is an MFA device as GetMFADevice returns it: what
// ListMFADevices gives, plus the certifications IAM knows for a FIDO
// security key.
type MFADeviceDetails struct {
	UserName     string
	SerialNumber string
	EnableDate   time.Time
	// Certifications maps a certification (e.g. "FIPS-140-2") to the
	// level the device holds (e.g. "L2"), from the FIDO Alliance Metadata
	// Service; nil when the answer carries none.
	Certifications map[string]string

	source
}

// GetMFADevice returns an MFA device of a user. IAM accepts only the ARN
// of a FIDO security key as serialNumber. An empty userName means the
// caller, and then no UserName is sent.
func (c *Client) GetMFADevice(ctx context.Context, userName, serialNumber string) (*MFADeviceDetails, error) {
	const action = "GetMFADevice"
	if err := checkAll(checkOptionalUserName(userName), checkSerialNumber(serialNumber)); err != nil {
		return nil, validationFailed(action, err)
	}
	p := Params{"SerialNumber": serialNumber}
	setString(p, "UserName", userName)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	f := fields{n: result}
	out := &MFADeviceDetails{
		UserName:     f.str("UserName"),
		SerialNumber: f.str("SerialNumber"),
		EnableDate:   f.time("EnableDate"),
		// The map is sent as entry/key/value elements, like a simulation's
		// EvalDecisionDetails.
		Certifications: readDecisionDetails(result.Path("Certifications")),
		source:         source{result, resp},
	}
	if f.err == nil && !result.Path("SerialNumber").Exists() {
		f.err = errNotFound(result, "SerialNumber")
	}
	if f.err != nil {
		return nil, decodeFailed(action, resp, f.err)
	}
	return out, nil
}
