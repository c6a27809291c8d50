package iam

// Optional arguments: a nil options pointer means all defaults, and an
// option left at its zero value is absent from the request rather than
// sent empty.

// orDefaults returns a copy of *p, or the zero value when p is nil: a nil
// options or input pointer means "all defaults". Methods work on the
// copy, so the caller's struct is never changed.
func orDefaults[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// setString adds an optional string parameter only when it is set, so
// that an omitted option is absent from the request rather than empty.
func setString(p Params, name, value string) {
	if value != "" {
		p[name] = value
	}
}

// setList adds an optional list parameter only when it has members, like
// setString.
func setList[T any](p Params, name string, list []T) {
	if len(list) > 0 {
		p[name] = list
	}
}
