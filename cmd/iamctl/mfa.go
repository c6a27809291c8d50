package main

import (
	"context"
	"flag"
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
		if *qr != "" {
			if err := os.WriteFile(*qr, d.QRCodePNG(), 0o600); err != nil {
				return err
			}
			x.note("wrote the QR code to %s", *qr)
		}
		// The seed is shown because this is the only time IAM returns it
		// and the caller must load it into an authenticator now.
		t := table{header: []string{"SERIAL NUMBER", "BASE32 SEED (shown once)"}}
		t.add(d.SerialNumber, d.Base32StringSeed())
		return x.render(t, map[string]string{"SerialNumber": d.SerialNumber, "Base32StringSeed": d.Base32StringSeed()})
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
