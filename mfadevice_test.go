package iam

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fidoKey = "arn:aws:iam::123456789012:u2f/user/Bob/fidosecuritykey-7XNL7NFNLZ123456789EXAMPLE"

func TestGetMFADevice(t *testing.T) {
	ctx := context.Background()
	t.Run("with certifications", func(t *testing.T) {
		c, _ := expectForm(t, form("GetMFADevice", "UserName", "Bob", "SerialNumber", fidoKey), 200, typedFixture(t, "getmfadevice.xml"))
		d, err := c.GetMFADevice(ctx, "Bob", fidoKey)
		require.NoError(t, err)
		assert.Equal(t, "Bob", d.UserName)
		assert.Equal(t, fidoKey, d.SerialNumber)
		assert.Equal(t, time.Date(2024, 9, 12, 18, 39, 5, 0, time.UTC), d.EnableDate)
		assert.Equal(t, map[string]string{"FIPS-140-2": "L2", "FIDO": "L1"}, d.Certifications)
		assert.Equal(t, "9c2f0a41-0000-4000-8000-typed2cEXAMPLE", d.Response().RequestID())
	})
	t.Run("caller sends no UserName; no certifications is nil", func(t *testing.T) {
		c, _ := expectForm(t, form("GetMFADevice", "SerialNumber", fidoKey), 200, typedFixture(t, "getmfadevice-nocerts.xml"))
		d, err := c.GetMFADevice(ctx, "", fidoKey)
		require.NoError(t, err)
		assert.Nil(t, d.Certifications)
	})
	t.Run("malformed date is an error", func(t *testing.T) {
		body := `<GetMFADeviceResponse><GetMFADeviceResult><SerialNumber>` + fidoKey + `</SerialNumber>
<EnableDate>soon</EnableDate></GetMFADeviceResult></GetMFADeviceResponse>`
		c, _ := expectForm(t, form("GetMFADevice", "SerialNumber", fidoKey), 200, body)
		_, err := c.GetMFADevice(ctx, "", fidoKey)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "EnableDate")
	})
	t.Run("missing SerialNumber is an error", func(t *testing.T) {
		c, _ := expectForm(t, form("GetMFADevice", "SerialNumber", fidoKey), 200,
			`<GetMFADeviceResponse><GetMFADeviceResult><UserName>Bob</UserName></GetMFADeviceResult></GetMFADeviceResponse>`)
		_, err := c.GetMFADevice(ctx, "", fidoKey)
		var de *DecodeError
		require.ErrorAs(t, err, &de)
		assert.Contains(t, err.Error(), "SerialNumber")
	})

	refused := map[string]struct {
		user, serial, field string
	}{
		"no serial":       {"Bob", "", "SerialNumber"},
		"short serial":    {"Bob", "GAHT", "SerialNumber"},
		"space in serial": {"Bob", "arn:aws:iam::1:u2f/a b", "SerialNumber"},
		"bad user":        {"Bob Smith", fidoKey, "UserName"},
	}
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			_, err := neverCalled(t).GetMFADevice(ctx, tc.user, tc.serial)
			requireValidation(t, err, "GetMFADevice", tc.field)
		})
	}
}
