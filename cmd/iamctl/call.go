package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamkit/iam"
)

func init() {
	register(command{name: "call", summary: "send any action: call ACTION Name=Value ... (JSON on stdout)", run: runCall})
}

// runCall sends any action with parameters given as Name=Value, wire
// names included (Tags.member.1.Key=team), and prints the whole answer as
// JSON, keys in the document's order, for jq.
func runCall(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("call", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: iamctl call ACTION [Name=Value ...] [flags]")
		fmt.Fprintln(stderr, "  a repeated Name collects a list: Name.member.1, Name.member.2, ...")
		fs.PrintDefaults()
	}
	g := addGlobalFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		// The flag package has printed the problem and the usage.
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	params, err := callParams(pos[1:])
	if err != nil {
		return fail(stderr, "call", err)
	}
	c, err := g.client()
	if err != nil {
		return fail(stderr, "call", err)
	}
	resp, err := c.Call(ctx, pos[0], params)
	if err != nil {
		return fail(stderr, "call", err)
	}
	raw, err := resp.MarshalJSON()
	if err != nil {
		return fail(stderr, "call", err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return fail(stderr, "call", err)
	}
	buf.WriteByte('\n')
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return fail(stderr, "call", err)
	}
	return exitOK
}

// callParams reads Name=Value arguments. A name given more than once
// becomes a list (sent as Name.member.N), which spares scripts the
// numbering; names already in wire form pass through as they are.
func callParams(args []string) (iam.Params, error) {
	params := iam.Params{}
	var order []string
	lists := map[string][]string{}
	for i, a := range args {
		name, value, ok := strings.Cut(a, "=")
		if !ok || name == "" {
			// The argument is quoted only when it looks like a bare
			// parameter name: "Password:$PW" must not put the password
			// in the error (and the CI log that keeps stderr).
			// Arguments count from the action, argument 1.
			if paramName(a) {
				return nil, usageErrorf("argument %d, parameter %q: want Name=Value", i+2, a)
			}
			return nil, usageErrorf("argument %d: want Name=Value (not shown, in case it holds a secret)", i+2)
		}
		if _, seen := lists[name]; !seen {
			order = append(order, name)
		}
		lists[name] = append(lists[name], value)
	}
	for _, name := range order {
		if vals := lists[name]; len(vals) == 1 {
			params[name] = vals[0]
		} else {
			params[name] = vals
		}
	}
	return params, nil
}

// paramName reports whether s looks like a Query API parameter name
// (Tags.member.1.Key): letters, digits and dots.
func paramName(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return true
}
