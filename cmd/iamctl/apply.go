package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/internal/apply"
)

func init() {
	register(command{name: "apply", summary: "make the account match a spec file (YAML or JSON)", run: runApply})
	register(command{name: "plan", summary: "show what apply would change, changing nothing", run: runPlan})
}

// loadSpec reads and checks a spec; "-" is stdin. A spec with any problem
// is refused here, before the account is read or changed.
func loadSpec(path string) (*apply.Spec, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	return apply.Parse(path, data)
}

func makePlan(ctx context.Context, x *env, args []string, prune bool) (*apply.Spec, *apply.Plan, error) {
	if err := wantArgs(args, "FILE"); err != nil {
		return nil, nil, err
	}
	spec, err := loadSpec(args[0])
	if err != nil {
		return nil, nil, err
	}
	p, err := apply.MakePlan(ctx, x.c, spec, apply.Options{Prune: prune})
	return spec, p, err
}

type changeJSON struct {
	Op      string
	Summary string
}

func opName(op apply.Op) string {
	switch op {
	case apply.Create:
		return "create"
	case apply.Update:
		return "update"
	}
	return "delete"
}

// counts summarises a plan as "2 to create, 1 to update, 0 to delete".
func counts(p *apply.Plan) string {
	n := map[apply.Op]int{}
	for _, ch := range p.Changes {
		n[ch.Op]++
	}
	return fmt.Sprintf("%d to create, %d to update, %d to delete", n[apply.Create], n[apply.Update], n[apply.Delete])
}

func runPlan(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runVerb(ctx, "plan", subcommand{args: "FILE|-", summary: "show the changes apply would make, in order", setup: func(fs *flag.FlagSet) run {
		prune := fs.Bool("prune", false, "also plan deleting what the spec does not declare")
		return func(ctx context.Context, x *env, args []string) error {
			_, p, err := makePlan(ctx, x, args, *prune)
			if err != nil {
				return err
			}
			if x.format == "json" {
				js := []changeJSON{}
				for _, ch := range p.Changes {
					js = append(js, changeJSON{opName(ch.Op), ch.Summary})
				}
				return writeJSON(x.out, js)
			}
			if p.Empty() {
				_, err := fmt.Fprintln(x.out, "No changes: the account matches the spec.")
				return err
			}
			for _, ch := range p.Changes {
				fmt.Fprintln(x.out, ch.String())
			}
			_, err = fmt.Fprintf(x.out, "Plan: %d changes (%s).\n", len(p.Changes), counts(p))
			return err
		}
	}}, args, stdout, stderr)
}

func runApply(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runVerb(ctx, "apply", subcommand{args: "FILE|-", summary: "make the changes plan shows, in order; a second run finds none", setup: func(fs *flag.FlagSet) run {
		prune := fs.Bool("prune", false, "also delete what the spec does not declare (with what blocks each deletion)")
		return func(ctx context.Context, x *env, args []string) error {
			_, p, err := makePlan(ctx, x, args, *prune)
			if err != nil {
				return err
			}
			if p.Empty() {
				x.note("no changes: the account matches the spec")
				if x.format == "json" {
					return writeJSON(x.out, map[string]any{"Changes": 0, "AccessKeys": []newKeyJSON{}})
				}
				_, err := fmt.Fprintln(x.out, "No changes: the account matches the spec.")
				return err
			}
			prog := newProgress(x.errOut, isTerminal(x.errOut))
			keys := []newKeyJSON{}
			hooks := &apply.Hooks{
				Start: prog.start,
				Done:  prog.done,
				AccessKey: func(k *iam.AccessKey) {
					t, js := newKeyOutput(k)
					if x.format == "json" {
						keys = append(keys, js)
						return
					}
					// Printed as soon as it exists: should a later change
					// fail, the secret is not lost.
					fmt.Fprintf(x.out, "created access key %s for user %s; secret access key (shown once): %s\n",
						t.rows[0][1], t.rows[0][0], t.rows[0][3])
				},
			}
			err = apply.Apply(ctx, x.c, p, hooks)
			prog.finish()
			if x.format == "json" {
				// The keys made are written even when a change failed.
				if werr := writeJSON(x.out, map[string]any{"Changes": prog.n, "AccessKeys": keys}); werr != nil && err == nil {
					err = werr
				}
			}
			var ce *apply.ChangeError
			if errors.As(err, &ce) {
				fmt.Fprintf(x.errOut, "iamctl apply: %d of %d changes made; stopped at change %d: %s\n",
					ce.Index, ce.Total, ce.Index+1, ce.Change)
				// Only a passing failure (throttling, a lost connection,
				// an interruption, ...) is completed by a plain re-run; a
				// refusal stays until its cause is fixed.
				if exitCode(err) == exitOther {
					fmt.Fprintln(x.errOut, "iamctl apply: run apply again to complete from the state left")
				} else {
					fmt.Fprintln(x.errOut, "iamctl apply: fix the cause below, then run apply again to complete from the state left")
				}
				return err
			}
			if err != nil {
				return err
			}
			if x.format != "json" {
				_, err = fmt.Fprintf(x.out, "Apply complete: %d changes (%s).\n", len(p.Changes), counts(p))
			}
			return err
		}
	}}, args, stdout, stderr)
}

// progress reports apply's changes on stderr: a bar redrawn in place on
// a terminal, otherwise one line per change (for logs).
type progress struct {
	w     io.Writer
	tty   bool
	total int
	n     int
}

func newProgress(w io.Writer, tty bool) *progress { return &progress{w: w, tty: tty} }

func (p *progress) start(total int) { p.total = total }

func (p *progress) done(i int, ch apply.Change) {
	p.n = i + 1
	if !p.tty {
		fmt.Fprintf(p.w, "iamctl apply: [%d/%d] %s\n", p.n, p.total, ch)
		return
	}
	const width = 30
	filled := width * p.n / max(p.total, 1)
	label := ch.Summary
	if len(label) > 40 {
		label = label[:37] + "..."
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), p.n, p.total, label)
}

func (p *progress) finish() {
	if p.tty && p.total > 0 {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
