// Package exampleenv is the set-up every example program shares: the
// command line (--endpoint, --region, --profile, --cleanup), a client for
// the endpoint the environment names, and, when none is named, the local
// IAM server started in process so that an example runs on a fresh clone
// with nothing configured.
package exampleenv

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// Env is a configured example run.
type Env struct {
	// Client talks to the chosen endpoint.
	Client *iam.Client
	// Cleanup is true when the example was asked to delete what it creates.
	Cleanup bool
	// Local is true when the built-in server was started because nothing
	// was configured.
	Local bool

	srv *iamtest.Server
}

// Close stops the built-in server, when one was started.
func (e *Env) Close() {
	if e.srv != nil {
		e.srv.Close()
	}
}

// Setup parses the example's arguments and connects. The first line it
// writes to out says which endpoint is used, and why when it is the
// built-in server; flag errors and usage go to errOut. extra options are appended to the client's (tests pass
// a retry policy or an HTTP client this way).
func Setup(name string, args []string, out, errOut io.Writer, extra ...iam.Option) (*Env, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	endpoint := fs.String("endpoint", "", "IAM endpoint URL (default: $AWS_ENDPOINT_URL_IAM, $AWS_ENDPOINT_URL, the profile's endpoint_url, else a built-in local server)")
	region := fs.String("region", "", "signing region (default: from the endpoint, $AWS_REGION, the profile)")
	profile := fs.String("profile", "", "shared config profile (default: $AWS_PROFILE); naming one runs against IAM even without an endpoint")
	cleanup := fs.Bool("cleanup", false, "delete what the example creates instead of creating it")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	cfg, err := iam.LoadSharedConfig(*profile)
	if err != nil {
		return nil, err
	}
	ep := firstNonEmpty(*endpoint, os.Getenv("AWS_ENDPOINT_URL_IAM"), os.Getenv("AWS_ENDPOINT_URL"), cfg.EndpointURL)
	env := &Env{Cleanup: *cleanup}
	var opts []iam.Option
	if ep == "" && *profile == "" {
		// Nothing names a service: run against a private local server so
		// the example works with no account and touches nothing real. A
		// profile named on the command line names an account, though:
		// that runs against IAM (its global endpoint unless the profile
		// says otherwise).
		env.srv = iamtest.NewServer()
		env.Local = true
		ak, sk := env.srv.RootCredentials()
		opts = append(opts, iam.WithEndpoint(env.srv.URL), iam.WithRegion(iamtest.Region),
			iam.WithCredentials(iam.StaticCredentials(ak, sk, "")))
		fmt.Fprintf(out, "Using the built-in local IAM server at %s (no endpoint configured).\n", env.srv.URL)
	} else {
		if ep != "" {
			opts = append(opts, iam.WithEndpoint(ep))
		}
		if *profile != "" {
			// As with the AWS CLI, a profile named on the command line
			// beats keys in the environment.
			opts = append(opts, iam.WithCredentials(iam.SharedCredentials(*profile)))
		}
		// IAM's own host names imply the signing region (the global
		// endpoint's is us-east-1, the only one IAM accepts there), and the
		// library infers it; the environment's or profile's region would
		// override it, so they apply to other endpoints only.
		r := *region
		if r == "" && !awsIAMHost(firstNonEmpty(ep, iam.DefaultEndpoint)) {
			r = firstNonEmpty(os.Getenv("AWS_REGION"), cfg.Region)
		}
		if r != "" {
			opts = append(opts, iam.WithRegion(r))
		}
	}
	opts = append(opts, iam.WithUserAgent("iamkit-example/"+name))
	opts = append(opts, extra...)
	c, err := iam.New(opts...)
	if err != nil {
		env.Close()
		return nil, err
	}
	env.Client = c
	if !env.Local {
		fmt.Fprintf(out, "Using the IAM endpoint %s (region %s).\n", c.Endpoint(), c.Region())
	}
	return env, nil
}

// Main runs one example program: set-up, then run, and returns the exit
// status: 0, 2 for bad arguments, 1 for a failure (printed to errOut).
// extra options go to Setup.
func Main(name string, args []string, out, errOut io.Writer, run func(ctx context.Context, env *Env, out io.Writer) error, extra ...iam.Option) int {
	env, err := Setup(name, args, out, errOut, extra...)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(errOut, "%s: %v\n", name, err)
		return 2
	}
	defer env.Close()
	if err := run(context.Background(), env, out); err != nil {
		fmt.Fprintf(errOut, "%s: %v\n", name, err)
		return 1
	}
	return 0
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

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
