package server

import "slices"

func init() {
	register("CreateAccessKey", true, resUser("UserName"), createAccessKey)
	register("ListAccessKeys", false, resUser("UserName"), listAccessKeys)
	register("UpdateAccessKey", true, resUser("UserName"), updateAccessKey)
	register("DeleteAccessKey", true, resUser("UserName"), deleteAccessKey)
	register("GetAccessKeyLastUsed", false, resKeyOwner, getAccessKeyLastUsed)
}

// maxAccessKeys is IAM's quota of access keys per user (and for root).
const maxAccessKeys = 2

// resKeyOwner authorizes GetAccessKeyLastUsed against the key's owner.
// A root key (the configured one or one root made) is the root user's,
// so a user allowed only on itself cannot read it; an unknown key names
// the caller, whose request then answers NoSuchEntity.
func resKeyOwner(c *call) string {
	id := c.p.str("AccessKeyId")
	if id == c.s.cfg.RootAccessKeyID {
		return c.s.rootPrincipal().arn
	}
	k := c.s.st.AccessKeys[id]
	if k == nil {
		return c.who.arn
	}
	if k.UserID == "" {
		return c.s.rootPrincipal().arn
	}
	if u := c.s.st.usersByID[k.UserID]; u != nil {
		return c.s.userArn(u)
	}
	return c.who.arn
}

// keyOwner resolves UserName (or the caller) for the access key actions:
// a nil user means the root user.
func (c *call) keyOwner() (*user, *APIError) {
	return c.userOrCaller("UserName")
}

// keyIDs lists the key IDs of an owner; for root, the configured key
// first.
func (c *call) keyIDs(u *user) []string {
	if u != nil {
		return u.Keys
	}
	return append([]string{c.s.cfg.RootAccessKeyID}, c.s.st.RootKeys...)
}

func createAccessKey(c *call) *APIError {
	u, err := c.keyOwner()
	if err != nil {
		return err
	}
	if len(c.keyIDs(u)) >= maxAccessKeys {
		return limitExceeded("Cannot exceed quota for AccessKeysPerUser: %d", maxAccessKeys)
	}
	k := &accessKey{
		ID:      c.s.ids.accessKeyID(),
		Secret:  secretString(c.s.readRand, 30),
		Active:  true,
		Created: c.now,
	}
	if u != nil {
		k.UserID = u.ID
		u.Keys = append(u.Keys, k.ID)
	} else {
		c.s.st.RootKeys = append(c.s.st.RootKeys, k.ID)
	}
	c.s.st.AccessKeys[k.ID] = k
	c.w.open("AccessKey")
	if u != nil {
		c.w.elem("UserName", u.Name)
	}
	c.w.elem("AccessKeyId", k.ID)
	c.w.elem("Status", status(k.Active))
	c.w.elem("SecretAccessKey", k.Secret)
	c.w.time("CreateDate", k.Created)
	c.w.close("AccessKey")
	return nil
}

func status(active bool) string {
	if active {
		return "Active"
	}
	return "Inactive"
}

func listAccessKeys(c *call) *APIError {
	u, err := c.keyOwner()
	if err != nil {
		return err
	}
	if u != nil {
		c.w.elem("UserName", u.Name)
	}
	return writeSlicePage(c, "AccessKeyMetadata", c.keyIDs(u), func(id string) {
		c.w.open("member")
		if u != nil {
			c.w.elem("UserName", u.Name)
		}
		c.w.elem("AccessKeyId", id)
		if k := c.s.st.AccessKeys[id]; k != nil {
			c.w.elem("Status", status(k.Active))
			c.w.time("CreateDate", k.Created)
		} else {
			// The configured root key.
			c.w.elem("Status", "Active")
			c.w.time("CreateDate", c.s.started)
		}
		c.w.close("member")
	})
}

// ownedKey finds AccessKeyId among the owner's keys.
func (c *call) ownedKey(u *user) (*accessKey, *APIError) {
	id, err := c.p.required("AccessKeyId")
	if err != nil {
		return nil, err
	}
	if err := checkAccessKeyID(id); err != nil {
		return nil, err
	}
	if u == nil && id == c.s.cfg.RootAccessKeyID {
		return nil, errf(CodeUnmodifiableEntity, "The access key %s is the server's configured root key and cannot be changed.", id)
	}
	k := c.s.st.AccessKeys[id]
	if k == nil || u != nil && k.UserID != u.ID || u == nil && k.UserID != "" {
		return nil, errf(CodeNoSuchEntity, "The Access Key with id %s cannot be found.", id)
	}
	return k, nil
}

func checkAccessKeyID(id string) *APIError {
	if len(id) < 16 || len(id) > 128 {
		return validationf("AccessKeyId", id, "Member must have length between 16 and 128")
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return validationf("AccessKeyId", id, `Member must satisfy regular expression pattern: [\w]+`)
		}
	}
	return nil
}

func updateAccessKey(c *call) *APIError {
	u, err := c.keyOwner()
	if err != nil {
		return err
	}
	k, err := c.ownedKey(u)
	if err != nil {
		return err
	}
	active, err := statusParam(c.p)
	if err != nil {
		return err
	}
	k.Active = active
	return nil
}

func deleteAccessKey(c *call) *APIError {
	u, err := c.keyOwner()
	if err != nil {
		return err
	}
	k, err := c.ownedKey(u)
	if err != nil {
		return err
	}
	delete(c.s.st.AccessKeys, k.ID)
	if u != nil {
		u.Keys = slices.DeleteFunc(u.Keys, func(id string) bool { return id == k.ID })
	} else {
		c.s.st.RootKeys = slices.DeleteFunc(c.s.st.RootKeys, func(id string) bool { return id == k.ID })
	}
	return nil
}

func getAccessKeyLastUsed(c *call) *APIError {
	id, err := c.p.required("AccessKeyId")
	if err != nil {
		return err
	}
	if err := checkAccessKeyID(id); err != nil {
		return err
	}
	k := c.s.st.AccessKeys[id]
	if k == nil && id != c.s.cfg.RootAccessKeyID {
		return errf(CodeNoSuchEntity, "The Access Key with id %s cannot be found.", id)
	}
	if k != nil && k.UserID != "" {
		if u := c.s.st.usersByID[k.UserID]; u != nil {
			c.w.elem("UserName", u.Name)
		}
	}
	c.w.open("AccessKeyLastUsed")
	var last, region = c.lastUse(k)
	if last.IsZero() {
		c.w.elem("ServiceName", "N/A")
		c.w.elem("Region", "N/A")
	} else {
		c.w.time("LastUsedDate", last)
		c.w.elem("ServiceName", "iam")
		c.w.elem("Region", region)
	}
	c.w.close("AccessKeyLastUsed")
	return nil
}
