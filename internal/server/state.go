package server

import "time"

// state is everything the server knows, saved as JSON to the state file.
// Entities refer to each other by ID, so a rename touches one map entry.
type state struct {
	Users            coll[*user]            `json:"users"`
	Groups           coll[*group]           `json:"groups"`
	Roles            coll[*role]            `json:"roles"`
	Policies         coll[*managedPolicy]   `json:"policies"`
	AWSPolicies      coll[*managedPolicy]   `json:"awsPolicies"`
	InstanceProfiles coll[*instanceProfile] `json:"instanceProfiles"`
	MFADevices       coll[*mfaDevice]       `json:"mfaDevices"`
	ServerCerts      coll[*serverCert]      `json:"serverCerts"`
	OIDCProviders    coll[*oidcProvider]    `json:"oidcProviders"`
	SAMLProviders    coll[*samlProvider]    `json:"samlProviders"`
	AccessKeys       map[string]*accessKey  `json:"accessKeys"`
	Aliases          []string               `json:"aliases"`
	PasswordPolicy   *passwordPolicy        `json:"passwordPolicy,omitempty"`
	Report           *credentialReport      `json:"report,omitempty"`
	// GeneratedRoot holds root keys New generated for lack of configured
	// ones, so a restart on the same file keeps them.
	GeneratedRoot *rootKey `json:"generatedRoot,omitempty"`
	// IDGen is the ID generator's position at the last save.
	IDGen []byte `json:"idGen,omitempty"`
	// DeletionTasks maps DeleteServiceLinkedRole task IDs to their status.
	DeletionTasks map[string]string `json:"deletionTasks,omitempty"`
	// RootKeys lists keys made by CreateAccessKey for the root user; the
	// configured root keys are not stored.
	RootKeys []string `json:"rootKeys"`

	// Indexes rebuilt from the above, never saved.
	usersByID  map[string]*user
	groupsByID map[string]*group
	rolesByID  map[string]*role
}

func newState() *state {
	st := &state{AccessKeys: make(map[string]*accessKey)}
	st.reindex()
	return st
}

// reindex rebuilds the ID indexes after a load.
func (st *state) reindex() {
	if st.AccessKeys == nil {
		st.AccessKeys = make(map[string]*accessKey)
	}
	addAWSManagedPolicies(&st.AWSPolicies)
	st.usersByID = make(map[string]*user, st.Users.len())
	st.Users.each(func(u *user) bool { st.usersByID[u.ID] = u; return true })
	st.groupsByID = make(map[string]*group, st.Groups.len())
	st.Groups.each(func(g *group) bool { st.groupsByID[g.ID] = g; return true })
	st.rolesByID = make(map[string]*role, st.Roles.len())
	st.Roles.each(func(r *role) bool { st.rolesByID[r.ID] = r; return true })
}

// tag is a key and value on a taggable entity.
type tag struct {
	Key   string `json:"k"`
	Value string `json:"v"`
}

type user struct {
	Name             string            `json:"name"`
	Path             string            `json:"path"`
	ID               string            `json:"id"`
	Created          time.Time         `json:"created"`
	Tags             []tag             `json:"tags,omitempty"`
	Inline           map[string]string `json:"inline,omitempty"`
	Attached         []string          `json:"attached,omitempty"`
	Boundary         string            `json:"boundary,omitempty"`
	Groups           []string          `json:"groups,omitempty"`
	Keys             []string          `json:"keys,omitempty"`
	Login            *loginProfile     `json:"login,omitempty"`
	MFA              []string          `json:"mfa,omitempty"`
	SigningCerts     []*signingCert    `json:"signingCerts,omitempty"`
	SSHKeys          []*sshKey         `json:"sshKeys,omitempty"`
	ServiceCreds     []*serviceCred    `json:"serviceCreds,omitempty"`
	PasswordLastUsed time.Time         `json:"passwordLastUsed"`
}

type group struct {
	Name     string            `json:"name"`
	Path     string            `json:"path"`
	ID       string            `json:"id"`
	Created  time.Time         `json:"created"`
	Members  []string          `json:"members,omitempty"`
	Inline   map[string]string `json:"inline,omitempty"`
	Attached []string          `json:"attached,omitempty"`
}

type role struct {
	Name        string            `json:"name"`
	Path        string            `json:"path"`
	ID          string            `json:"id"`
	Created     time.Time         `json:"created"`
	AssumeDoc   string            `json:"assumeDoc"`
	Description string            `json:"description,omitempty"`
	MaxSession  int               `json:"maxSession"`
	Boundary    string            `json:"boundary,omitempty"`
	Tags        []tag             `json:"tags,omitempty"`
	Inline      map[string]string `json:"inline,omitempty"`
	Attached    []string          `json:"attached,omitempty"`
}

type policyVersion struct {
	ID      string    `json:"id"`
	Doc     string    `json:"doc"`
	Created time.Time `json:"created"`
}

type managedPolicy struct {
	Name        string           `json:"name"`
	Path        string           `json:"path"`
	ID          string           `json:"id"`
	Arn         string           `json:"arn"`
	Description string           `json:"description,omitempty"`
	Created     time.Time        `json:"created"`
	Updated     time.Time        `json:"updated"`
	Versions    []*policyVersion `json:"versions"`
	Default     string           `json:"default"`
	NextVersion int              `json:"nextVersion"`
	Tags        []tag            `json:"tags,omitempty"`
	Attachments int              `json:"attachments"`
	BoundaryUse int              `json:"boundaryUse"`
}

func (p *managedPolicy) version(id string) *policyVersion {
	for _, v := range p.Versions {
		if v.ID == id {
			return v
		}
	}
	return nil
}

func (p *managedPolicy) defaultDoc() string {
	if v := p.version(p.Default); v != nil {
		return v.Doc
	}
	return ""
}

type instanceProfile struct {
	Name    string    `json:"name"`
	Path    string    `json:"path"`
	ID      string    `json:"id"`
	Created time.Time `json:"created"`
	Roles   []string  `json:"roles,omitempty"`
	Tags    []tag     `json:"tags,omitempty"`
}

type accessKey struct {
	ID      string    `json:"id"`
	Secret  string    `json:"secret"`
	UserID  string    `json:"userID"` // empty for the root user
	Active  bool      `json:"active"`
	Created time.Time `json:"created"`
	// Last use is tracked under usageMu, not the state lock: every request
	// updates it.
	LastUsed       time.Time `json:"lastUsed"`
	LastUsedRegion string    `json:"lastUsedRegion,omitempty"`
}

type loginProfile struct {
	Password      string    `json:"password"`
	Created       time.Time `json:"created"`
	ResetRequired bool      `json:"resetRequired"`
}

type mfaDevice struct {
	Serial  string    `json:"serial"`
	Name    string    `json:"name"`
	Path    string    `json:"path"`
	Virtual bool      `json:"virtual"`
	Seed    []byte    `json:"seed,omitempty"`
	UserID  string    `json:"userID,omitempty"`
	Enabled time.Time `json:"enabled"`
	Created time.Time `json:"created"`
	Tags    []tag     `json:"tags,omitempty"`
}

type signingCert struct {
	ID       string    `json:"id"`
	Body     string    `json:"body"`
	Active   bool      `json:"active"`
	Uploaded time.Time `json:"uploaded"`
}

type sshKey struct {
	ID          string    `json:"id"`
	Body        string    `json:"body"`
	Fingerprint string    `json:"fingerprint"`
	Active      bool      `json:"active"`
	Uploaded    time.Time `json:"uploaded"`
}

type serviceCred struct {
	ID          string    `json:"id"`
	Service     string    `json:"service"`
	ServiceUser string    `json:"serviceUser"`
	Password    string    `json:"password"`
	Active      bool      `json:"active"`
	Created     time.Time `json:"created"`
}

type serverCert struct {
	Name       string    `json:"name"`
	Path       string    `json:"path"`
	ID         string    `json:"id"`
	Body       string    `json:"body"`
	Chain      string    `json:"chain,omitempty"`
	Uploaded   time.Time `json:"uploaded"`
	Expiration time.Time `json:"expiration"`
	Tags       []tag     `json:"tags,omitempty"`
}

type passwordPolicy struct {
	MinLength       int  `json:"minLength"`
	RequireSymbols  bool `json:"requireSymbols"`
	RequireNumbers  bool `json:"requireNumbers"`
	RequireUpper    bool `json:"requireUpper"`
	RequireLower    bool `json:"requireLower"`
	AllowChange     bool `json:"allowChange"`
	MaxAge          int  `json:"maxAge"`
	ReusePrevention int  `json:"reusePrevention"`
	HardExpiry      bool `json:"hardExpiry"`
}

type credentialReport struct {
	Generated time.Time `json:"generated"`
	Content   []byte    `json:"content"`
}

type oidcProvider struct {
	URL         string    `json:"url"` // without https://
	ClientIDs   []string  `json:"clientIDs,omitempty"`
	Thumbprints []string  `json:"thumbprints,omitempty"`
	Created     time.Time `json:"created"`
	Tags        []tag     `json:"tags,omitempty"`
}

type samlProvider struct {
	Name       string    `json:"name"`
	Metadata   string    `json:"metadata"`
	Created    time.Time `json:"created"`
	ValidUntil time.Time `json:"validUntil"`
	Tags       []tag     `json:"tags,omitempty"`
}

type rootKey struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
}
