package server

import (
	"slices"
	"strconv"
)

// APIVersion is the only Version the server answers.
const APIVersion = "2010-05-08"

// handlerFunc runs one action under the state lock, writing the inside of
// the <ActionResult> element to c.w. Writing nothing omits the element, as
// IAM does for actions without a result (DeleteUser and the like).
type handlerFunc func(c *call) *APIError

// resourceFunc names the ARN an action is authorized against, read from
// the request under the state lock.
type resourceFunc func(c *call) string

// action is one entry of the dispatch table.
type action struct {
	h handlerFunc
	// write takes the state's write lock and saves the state afterwards.
	write bool
	// resource is the ARN checked by authorization; nil means "*".
	resource resourceFunc
	// target, when set, names a second ARN the caller must be allowed
	// the action on: the new name and path of a rename, which IAM
	// authorizes as well as the entity's current ARN. It returns "" when
	// the request names no other ARN.
	target resourceFunc
}

// actions is the dispatch table, filled by the resource files' init
// functions (users.go registers the user actions, and so on).
var actions = map[string]*action{}

func register(name string, write bool, res resourceFunc, h handlerFunc) {
	if _, dup := actions[name]; dup {
		panic("server: action registered twice: " + name)
	}
	actions[name] = &action{h: h, write: write, resource: res}
}

// authorizeTarget makes the registered action name also authorize the
// caller on the ARN target names (see action.target).
func authorizeTarget(name string, target resourceFunc) {
	act, ok := actions[name]
	if !ok {
		panic("server: authorizeTarget before register: " + name)
	}
	act.target = target
}

// Actions returns the names of the implemented IAM actions, sorted: the
// server's coverage list.
func Actions() []string {
	out := make([]string, 0, len(actions))
	for name := range actions {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// lookupAction checks Version and finds the action, answering as IAM does
// when either is wrong: InvalidAction naming the operation and version.
func lookupAction(name string, p params) (*action, *APIError) {
	if name == "" {
		return nil, errf(CodeInvalidAction, "The action or operation requested is invalid. Verify that the action is typed correctly.")
	}
	v := p.str("Version")
	if v == "" {
		v = "NO_VERSION_SPECIFIED"
	}
	act, ok := actions[name]
	if !ok || v != APIVersion {
		return nil, errf(CodeInvalidAction, "Could not find operation %s for version %s", name, v)
	}
	return act, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
