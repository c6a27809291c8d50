package policy

import "fmt"

// Kind says what a policy document is used as; it decides which elements
// are required or forbidden and which size quota applies.
type Kind int

// Policy kinds. The size limits are IAM's quotas in non-whitespace
// characters (IAM User Guide, "IAM and AWS STS quotas"). For inline
// policies IAM's quota is the aggregate of all inline policies of the
// entity; Validate checks one document against it, and a server that stores
// several inline policies must add their Size values up itself.
const (
	// KindManaged is a managed (customer) policy: 6,144 characters.
	KindManaged Kind = iota
	// KindUserInline is an inline user policy: 2,048 characters.
	KindUserInline
	// KindGroupInline is an inline group policy: 5,120 characters.
	KindGroupInline
	// KindRoleInline is an inline role policy: 10,240 characters.
	KindRoleInline
	// KindTrust is a role trust (assume-role) policy: 2,048 characters by
	// default. It needs a Principal and may not name a Resource.
	KindTrust
	// KindResource is a resource-based policy such as a bucket policy passed
	// to SimulateCustomPolicy: Principal and Resource required, no size
	// quota checked here because each service sets its own.
	KindResource
)

// sizeLimits holds the quota of each kind; 0 means not checked.
var sizeLimits = map[Kind]int{
	KindManaged:     6144,
	KindUserInline:  2048,
	KindGroupInline: 5120,
	KindRoleInline:  10240,
	KindTrust:       2048,
	KindResource:    0,
}

// MaxSize returns IAM's size quota for the kind in non-whitespace
// characters, or 0 when there is none to check.
func (k Kind) MaxSize() int { return sizeLimits[k] }

// String names the kind for messages.
func (k Kind) String() string {
	switch k {
	case KindManaged:
		return "managed policy"
	case KindUserInline:
		return "user inline policy"
	case KindGroupInline:
		return "group inline policy"
	case KindRoleInline:
		return "role inline policy"
	case KindTrust:
		return "trust policy"
	case KindResource:
		return "resource policy"
	default:
		return fmt.Sprintf("Kind(%d)", int(k))
	}
}

// resourceBased reports whether policies of the kind name principals.
func (k Kind) resourceBased() bool { return k == KindTrust || k == KindResource }
