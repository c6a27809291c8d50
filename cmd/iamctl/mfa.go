package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/iamkit/iam"
)

func init() {
	register(typedCommand("mfa", "create virtual MFA devices and enable them for users", []subcommand{
		{"create-virtual", "NAME", "create a virtual MFA device; its seed is printed this once", mfaCreateVirtual},
		{"enable", "USER SERIAL CODE1 CODE2", "enable an MFA device for a user with two consecutive codes", mfaEnable},
	}))
}

func mfaCreateVirtual(fs *flag.FlagSet) run {
	path := fs.String("path", "", "the device's path (default /)")
	qr := fs.String("qr-png", "", "also write the QR code (which encodes the seed) to this PNG file, readable by you only")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		d, err := x.c.CreateVirtualMFADevice(ctx, args[0], &iam.CreateVirtualMFADeviceOptions{Path: *path})
		if err != nil {
			return err
		}
		// The seed is shown because this is the only time IAM returns it
		// and the caller must load it into an authenticator now. It is
		// printed before the QR file is written, so that a file that
		// cannot be written does not lose it.
		t := table{header: []string{"SERIAL NUMBER", "BASE32 SEED (shown once)"}}
		t.add(d.SerialNumber, d.Base32StringSeed())
		if err := x.render(t, map[string]string{"SerialNumber": d.SerialNumber, "Base32StringSeed": d.Base32StringSeed()}); err != nil {
			return err
		}
		if *qr == "" {
			return nil
		}
		if err := writePrivateFile(*qr, d.QRCodePNG()); err != nil {
			return fmt.Errorf("the device was created and its seed printed on standard output, but the QR code was not written: %w", err)
		}
		x.note("wrote the QR code to %s", *qr)
		return nil
	}
}

func mfaEnable(fs *flag.FlagSet) run {
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "USER", "SERIAL", "CODE1", "CODE2"); err != nil {
			return err
		}
		if err := x.c.EnableMFADevice(ctx, args[0], args[1], args[2], args[3]); err != nil {
			return err
		}
		return x.render(table{header: []string{"USER", "SERIAL NUMBER", "MFA"}, rows: [][]string{{args[0], args[1], "enabled"}}},
			map[string]string{"UserName": args[0], "SerialNumber": args[1], "MFA": "enabled"})
	}
}

// writePrivateFile writes data to a file only its owner may read, also
// when the file already exists with wider permissions (os.WriteFile keeps
// those): the QR code encodes the device's seed.
func writePrivateFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
