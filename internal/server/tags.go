package server

// Tag<Kind>, Untag<Kind> and List<Kind>Tags: the same three actions for
// every taggable kind, differing only in how the request names the entity.

// tagged is an entity that carries tags.
type tagged interface{ tagList() *[]tag }

func (u *user) tagList() *[]tag             { return &u.Tags }
func (r *role) tagList() *[]tag             { return &r.Tags }
func (p *managedPolicy) tagList() *[]tag    { return &p.Tags }
func (ip *instanceProfile) tagList() *[]tag { return &ip.Tags }
func (sc *serverCert) tagList() *[]tag      { return &sc.Tags }
func (p *oidcProvider) tagList() *[]tag     { return &p.Tags }
func (d *mfaDevice) tagList() *[]tag        { return &d.Tags }

// registerTagging registers the three tag actions of kind, each finding
// its entity with find.
func registerTagging[T tagged](kind string, res resourceFunc, find func(*call) (T, *APIError)) {
	register("Tag"+kind, true, res, tagEntity(find))
	register("Untag"+kind, true, res, untagEntity(find))
	register("List"+kind+"Tags", false, res, listEntityTags(find))
}

func tagEntity[T tagged](find func(*call) (T, *APIError)) handlerFunc {
	return func(c *call) *APIError {
		e, err := find(c)
		if err != nil {
			return err
		}
		tags, err := tagsParam(c.p)
		if err != nil {
			return err
		}
		if len(tags) == 0 {
			return missingParam("Tags")
		}
		merged, err := mergeTags(*e.tagList(), tags)
		if err != nil {
			return err
		}
		*e.tagList() = merged
		return nil
	}
}

func untagEntity[T tagged](find func(*call) (T, *APIError)) handlerFunc {
	return func(c *call) *APIError {
		e, err := find(c)
		if err != nil {
			return err
		}
		keys := c.p.list("TagKeys")
		if len(keys) == 0 {
			return missingParam("TagKeys")
		}
		*e.tagList() = removeTags(*e.tagList(), keys)
		return nil
	}
}

func listEntityTags[T tagged](find func(*call) (T, *APIError)) handlerFunc {
	return func(c *call) *APIError {
		e, err := find(c)
		if err != nil {
			return err
		}
		return writeSlicePage(c, "Tags", *e.tagList(), func(t tag) { writeTag(c.w, t) })
	}
}

// mergeTags adds or replaces tags by key (case-insensitive), keeping at
// most 50.
func mergeTags(have, add []tag) ([]tag, *APIError) {
	out := append([]tag(nil), have...)
	for _, t := range add {
		found := false
		for i := range out {
			if fold(out[i].Key) == fold(t.Key) {
				out[i] = t
				found = true
			}
		}
		if !found {
			out = append(out, t)
		}
	}
	if len(out) > maxTags {
		return nil, limitExceeded("The number of tags has reached the maximum limit.")
	}
	return out, nil
}

// removeTags drops the tags whose keys are listed.
func removeTags(have []tag, keys []string) []tag {
	var out []tag
	for _, t := range have {
		drop := false
		for _, k := range keys {
			if fold(k) == fold(t.Key) {
				drop = true
			}
		}
		if !drop {
			out = append(out, t)
		}
	}
	return out
}
