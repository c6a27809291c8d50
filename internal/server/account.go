package server

import "slices"

func init() {
	register("CreateAccountAlias", true, nil, createAccountAlias)
	register("DeleteAccountAlias", true, nil, deleteAccountAlias)
	register("ListAccountAliases", false, nil, listAccountAliases)
	register("GetAccountSummary", false, nil, getAccountSummary)
	register("UpdateAccountPasswordPolicy", true, nil, updatePasswordPolicy)
	register("GetAccountPasswordPolicy", false, nil, getPasswordPolicy)
	register("DeleteAccountPasswordPolicy", true, nil, deletePasswordPolicy)
}

// checkAlias applies ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$.
func checkAlias(a string) *APIError {
	bad := validationf("AccountAlias", a, `Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`)
	if len(a) < 3 || len(a) > 63 || a[0] == '-' || a[len(a)-1] == '-' {
		return bad
	}
	for i := 0; i < len(a); i++ {
		c := a[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && a[i-1] != '-':
		default:
			return bad
		}
	}
	return nil
}

func createAccountAlias(c *call) *APIError {
	a, err := c.p.required("AccountAlias")
	if err != nil {
		return err
	}
	if err := checkAlias(a); err != nil {
		return err
	}
	// An account has one alias; a new one replaces it.
	c.s.st.Aliases = []string{a}
	return nil
}

func deleteAccountAlias(c *call) *APIError {
	a, err := c.p.required("AccountAlias")
	if err != nil {
		return err
	}
	if err := checkAlias(a); err != nil {
		return err
	}
	i := slices.Index(c.s.st.Aliases, a)
	if i < 0 {
		return errf(CodeNoSuchEntity, "The account alias %s cannot be found.", a)
	}
	c.s.st.Aliases = slices.Delete(c.s.st.Aliases, i, i+1)
	return nil
}

func listAccountAliases(c *call) *APIError {
	return writeSlicePage(c, "AccountAliases", c.s.st.Aliases, func(a string) { c.w.elem("member", a) })
}

// Quotas reported by GetAccountSummary: IAM's defaults.
var summaryQuotas = []struct {
	key string
	n   int
}{
	{"AccessKeysPerUserQuota", maxAccessKeys},
	{"AssumeRolePolicySizeQuota", 2048},
	{"AttachedPoliciesPerGroupQuota", maxAttached},
	{"AttachedPoliciesPerRoleQuota", maxAttached},
	{"AttachedPoliciesPerUserQuota", maxAttached},
	{"GroupPolicySizeQuota", 5120},
	{"GroupsPerUserQuota", maxGroupsPerUser},
	{"GroupsQuota", 300},
	{"InstanceProfilesQuota", 1000},
	{"PoliciesQuota", 1500},
	{"PolicySizeQuota", 6144},
	{"PolicyVersionsInUseQuota", 10000},
	{"RolePolicySizeQuota", 10240},
	{"RolesQuota", 1000},
	{"ServerCertificatesQuota", 20},
	{"SigningCertificatesPerUserQuota", maxSigningCerts},
	{"UserPolicySizeQuota", 2048},
	{"UsersQuota", 5000},
	{"VersionsPerPolicyQuota", maxPolicyVersions},
	{"GlobalEndpointTokenVersion", 1},
}

func getAccountSummary(c *call) *APIError {
	st := c.s.st
	mfaInUse, versions := 0, 0
	st.MFADevices.each(func(d *mfaDevice) bool {
		if d.UserID != "" {
			mfaInUse++
		}
		return true
	})
	st.Policies.each(func(p *managedPolicy) bool {
		if p.Attachments > 0 {
			versions += len(p.Versions)
		}
		return true
	})
	rootKeys := 1 + len(st.RootKeys)
	c.w.open("SummaryMap")
	entry := func(k string, v int) {
		c.w.open("entry")
		c.w.elem("key", k)
		c.w.int("value", v)
		c.w.close("entry")
	}
	entry("Users", st.Users.len())
	entry("Groups", st.Groups.len())
	entry("Roles", st.Roles.len())
	entry("Policies", st.Policies.len())
	entry("InstanceProfiles", st.InstanceProfiles.len())
	entry("ServerCertificates", st.ServerCerts.len())
	entry("MFADevices", st.MFADevices.len())
	entry("MFADevicesInUse", mfaInUse)
	entry("PolicyVersionsInUse", versions)
	entry("Providers", st.OIDCProviders.len()+st.SAMLProviders.len())
	entry("AccountMFAEnabled", 0)
	entry("AccountAccessKeysPresent", min(rootKeys, 1))
	entry("AccountSigningCertificatesPresent", 0)
	for _, q := range summaryQuotas {
		entry(q.key, q.n)
	}
	c.w.close("SummaryMap")
	return nil
}

func updatePasswordPolicy(c *call) *APIError {
	var pp passwordPolicy
	var err *APIError
	if pp.MinLength, err = c.p.integer("MinimumPasswordLength", 6, 6, 128); err != nil {
		return err
	}
	for _, f := range []struct {
		key string
		dst *bool
	}{
		{"RequireSymbols", &pp.RequireSymbols},
		{"RequireNumbers", &pp.RequireNumbers},
		{"RequireUppercaseCharacters", &pp.RequireUpper},
		{"RequireLowercaseCharacters", &pp.RequireLower},
		{"AllowUsersToChangePassword", &pp.AllowChange},
		{"HardExpiry", &pp.HardExpiry},
	} {
		if *f.dst, err = c.p.boolean(f.key, false); err != nil {
			return err
		}
	}
	if pp.MaxAge, err = c.p.integer("MaxPasswordAge", 0, 1, 1095); err != nil {
		return err
	}
	if pp.ReusePrevention, err = c.p.integer("PasswordReusePrevention", 0, 1, 24); err != nil {
		return err
	}
	c.s.st.PasswordPolicy = &pp
	return nil
}

func getPasswordPolicy(c *call) *APIError {
	pp := c.s.st.PasswordPolicy
	if pp == nil {
		return errf(CodeNoSuchEntity, "The Password Policy with domain name %s cannot be found.", c.s.account)
	}
	w := c.w
	w.open("PasswordPolicy")
	w.int("MinimumPasswordLength", pp.MinLength)
	w.bool("RequireSymbols", pp.RequireSymbols)
	w.bool("RequireNumbers", pp.RequireNumbers)
	w.bool("RequireUppercaseCharacters", pp.RequireUpper)
	w.bool("RequireLowercaseCharacters", pp.RequireLower)
	w.bool("AllowUsersToChangePassword", pp.AllowChange)
	w.bool("ExpirePasswords", pp.MaxAge > 0)
	if pp.MaxAge > 0 {
		w.int("MaxPasswordAge", pp.MaxAge)
	}
	if pp.ReusePrevention > 0 {
		w.int("PasswordReusePrevention", pp.ReusePrevention)
	}
	if pp.HardExpiry {
		w.bool("HardExpiry", true)
	}
	w.close("PasswordPolicy")
	return nil
}

func deletePasswordPolicy(c *call) *APIError {
	if c.s.st.PasswordPolicy == nil {
		return errf(CodeNoSuchEntity, "The account policy with name PasswordPolicy cannot be found.")
	}
	c.s.st.PasswordPolicy = nil
	return nil
}
