package apply

import (
	"context"
	"fmt"

	"github.com/iamkit/iam"
)

// Op is the kind of a change, shown as the first character of its line.
type Op byte

// Kinds of change.
const (
	Create Op = '+'
	Update Op = '~'
	Delete Op = '-'
)

// Change is one step of a plan, e.g. "+ create user alice".
type Change struct {
	Op Op
	// Summary says what the change does, e.g. "create user alice".
	Summary string

	run func(ctx context.Context, c *iam.Client, hooks *Hooks) error
}

// String is the change as plan prints it.
func (ch Change) String() string { return string(ch.Op) + " " + ch.Summary }

// Hooks receive what apply does as it does it.
type Hooks struct {
	// Start is told how many changes are about to be made.
	Start func(total int)
	// Done is called after change i (from 0) succeeded.
	Done func(i int, ch Change)
	// AccessKey receives each access key created, with its secret: the
	// only moment IAM reveals it.
	AccessKey func(key *iam.AccessKey)
}

// ChangeError is the failure of one change. The changes before it were
// made; none after it was tried. Applying the same spec again picks up
// from the state left.
type ChangeError struct {
	// Index counts from 0; Total is the number of changes planned.
	Index, Total int
	Change       Change
	Err          error
}

func (e *ChangeError) Error() string {
	return fmt.Sprintf("change %d of %d (%s) failed: %v", e.Index+1, e.Total, e.Change.Summary, e.Err)
}

func (e *ChangeError) Unwrap() error { return e.Err }

// Apply makes the plan's changes in order and stops at the first failure,
// returning a *ChangeError that names it.
func Apply(ctx context.Context, c *iam.Client, p *Plan, hooks *Hooks) error {
	if hooks == nil {
		hooks = &Hooks{}
	}
	if hooks.Start != nil {
		hooks.Start(len(p.Changes))
	}
	for i, ch := range p.Changes {
		if err := ctx.Err(); err != nil {
			return &ChangeError{Index: i, Total: len(p.Changes), Change: ch, Err: err}
		}
		if err := ch.run(ctx, c, hooks); err != nil {
			return &ChangeError{Index: i, Total: len(p.Changes), Change: ch, Err: err}
		}
		if hooks.Done != nil {
			hooks.Done(i, ch)
		}
	}
	return nil
}
