package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/iamkit/iam"
)

// run is what a typed command does once its flags are parsed.
type run func(ctx context.Context, x *env, args []string) error

// subcommand is one verb of a typed command ("user create"). setup
// declares the verb's own flags on fs and returns the code to run.
type subcommand struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	setup   func(fs *flag.FlagSet) run
}

// env is what a verb runs with.
type env struct {
	c      *iam.Client
	out    io.Writer
	errOut io.Writer
	format string
}

// render writes a result in the chosen format.
func (x *env) render(t table, v any) error { return render(x.out, x.format, t, v) }

// typedCommand builds a command that dispatches to its verbs, each with
// the global flags plus its own, flags allowed anywhere on the line.
func typedCommand(name, summary string, subs []subcommand) command {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "usage: iamctl %s <verb> [arguments] [flags]\nverbs:\n", name)
		for _, s := range subs {
			fmt.Fprintf(w, "  %-14s %-28s %s\n", s.name, s.args, s.summary)
		}
		fmt.Fprintf(w, "run \"iamctl %s <verb> -h\" for a verb's flags\n", name)
	}
	return command{name: name, summary: summary, run: func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			usage(stderr)
			if len(args) == 0 {
				return exitUsage
			}
			return exitOK
		}
		for _, s := range subs {
			if s.name != args[0] {
				continue
			}
			return runVerb(ctx, name+" "+s.name, s, args[1:], stdout, stderr)
		}
		fmt.Fprintf(stderr, "iamctl %s: unknown verb %q\n", name, args[0])
		usage(stderr)
		return exitUsage
	}}
}

// runVerb parses a verb's flags (the global ones and its own, anywhere on
// the line), builds the client and runs it; label names it in messages.
func runVerb(ctx context.Context, label string, s subcommand, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(label, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: iamctl %s %s [flags]\n  %s\n", label, s.args, s.summary)
		fs.PrintDefaults()
	}
	g := addGlobalFlags(fs)
	runner := s.setup(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	c, err := g.client()
	if err != nil {
		return fail(stderr, label, err)
	}
	if err := runner(ctx, &env{c: c, out: stdout, errOut: stderr, format: g.output}, pos); err != nil {
		return fail(stderr, label, err)
	}
	return exitOK
}

// note tells the user about a side step on stderr, keeping stdout to the
// result a script reads.
func (x *env) note(format string, args ...any) {
	fmt.Fprintf(x.errOut, "iamctl: "+format+"\n", args...)
}
