package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/iamkit/iam"
)

// globalFlags are the settings every command that talks to IAM takes,
// named and resolved as the AWS CLI resolves them: the flag, then the
// environment, then the profile in the shared config file.
type globalFlags struct {
	endpoint string
	profile  string
	region   string
	output   string
}

// clientOptions are appended to every client iamctl builds. Tests set
// them (a fast retry policy); the program leaves them empty.
var clientOptions []iam.Option

func addGlobalFlags(fs *flag.FlagSet) *globalFlags {
	g := &globalFlags{}
	fs.StringVar(&g.endpoint, "endpoint-url", "", "IAM endpoint URL (default: $AWS_ENDPOINT_URL_IAM, $AWS_ENDPOINT_URL, the profile's endpoint_url, IAM's global endpoint)")
	fs.StringVar(&g.profile, "profile", "", "shared config profile (default: $AWS_PROFILE, then \"default\")")
	fs.StringVar(&g.region, "region", "", "signing region (default: from the endpoint, $AWS_REGION, $AWS_DEFAULT_REGION, the profile's region)")
	fs.StringVar(&g.output, "output", "table", "output format: table or json")
	return g
}

// client builds the IAM client the flags, environment and shared files
// describe.
func (g *globalFlags) client() (*iam.Client, error) {
	if g.output != "table" && g.output != "json" {
		return nil, usageErrorf("--output must be table or json, not %q", g.output)
	}
	cfg, err := iam.LoadSharedConfig(g.profile)
	if err != nil {
		return nil, err
	}
	var opts []iam.Option
	ep := firstSet(g.endpoint, os.Getenv("AWS_ENDPOINT_URL_IAM"), os.Getenv("AWS_ENDPOINT_URL"), cfg.EndpointURL)
	if ep != "" {
		opts = append(opts, iam.WithEndpoint(ep))
	}
	// The library signs for the region IAM's own host names imply (the
	// global endpoint for us-east-1, whatever region the machine is set
	// to: IAM refuses any other). Passing the environment's or profile's
	// region would override that, so they apply to other endpoints only;
	// an explicit --region wins over everything.
	r := g.region
	if r == "" && !awsIAMHost(firstSet(ep, iam.DefaultEndpoint)) {
		r = firstSet(os.Getenv("AWS_REGION"), os.Getenv("AWS_DEFAULT_REGION"), cfg.Region)
	}
	if r != "" {
		opts = append(opts, iam.WithRegion(r))
	}
	if g.profile != "" {
		// As with the AWS CLI, a profile named on the command line
		// beats keys in the environment.
		opts = append(opts, iam.WithCredentials(iam.SharedCredentials(g.profile)))
	}
	opts = append(opts, iam.WithUserAgent("iamctl/"+iam.Version))
	opts = append(opts, clientOptions...)
	return iam.New(opts...)
}

// awsIAMHost reports whether endpoint is one of AWS's IAM endpoints
// (iam.amazonaws.com, iam.cn-north-1.amazonaws.com.cn, iam.global.api.aws,
// their iam-fips forms, ...), whose host name implies the signing region.
func awsIAMHost(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if !strings.HasPrefix(host, "iam.") && !strings.HasPrefix(host, "iam-fips.") {
		return false
	}
	return strings.HasSuffix(host, ".amazonaws.com") || strings.HasSuffix(host, ".amazonaws.com.cn") ||
		strings.HasSuffix(host, ".api.aws")
}

func firstSet(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments ("user create alice --path /x/"), which the
// flag package alone stops at. "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// wantArgs checks the number of positional arguments.
func wantArgs(args []string, names ...string) error {
	if len(args) != len(names) {
		return usageErrorf("want %d argument(s): %s; got %d", len(names), strings.Join(names, " "), len(args))
	}
	return nil
}
