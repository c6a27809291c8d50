package iam

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
)

// PageOptions are the paging parameters of every paginated action. List
// calls with more filters embed it in their options struct.
type PageOptions struct {
	// Marker continues a listing: pass the Marker of the previous page.
	// Empty starts at the beginning.
	Marker string
	// MaxItems caps the entries of one page, 1 to 1000; 0 leaves it to the
	// service (100 for IAM). IAM may return fewer even when more remain, so
	// always check IsTruncated.
	MaxItems int
}

// pageOptions lets the generic iterator reach the PageOptions embedded in
// any options struct.
func (p *PageOptions) pageOptions() *PageOptions { return p }

// params adds Marker and MaxItems when set, after checking MaxItems.
func (p *PageOptions) params(params Params) error {
	if p == nil {
		return nil
	}
	if p.MaxItems < 0 || p.MaxItems > 1000 {
		return invalid("MaxItems", fmt.Sprint(p.MaxItems), "must be between 1 and 1000 (0 leaves it to the service)")
	}
	if p.MaxItems > 0 {
		params["MaxItems"] = p.MaxItems
	}
	if p.Marker != "" {
		params["Marker"] = p.Marker
	}
	return nil
}

// addPageParams checks and adds to p the parameters of a paginated
// action with one more argument, the owner of the list (GroupName,
// UserName, ...) or its filter (PathPrefix): value goes under param,
// checked by check before the paging options, and is not sent when empty.
// The caller makes p, so that it can stay on the stack.
func addPageParams(p Params, action, param, value string, check idCheck, page *PageOptions) error {
	if err := checkAll(check(param, value), page.params(p)); err != nil {
		return validationFailed(action, err)
	}
	setString(p, param, value)
	return nil
}

// PageInfo is the paging state every page result carries.
type PageInfo struct {
	// IsTruncated is true when more entries follow; a response without it
	// is the last page.
	IsTruncated bool
	// Marker is the value to send as PageOptions.Marker for the next page;
	// set only when IsTruncated is true.
	Marker string
}

// pageInfo lets pageOf reach the PageInfo embedded in any page output.
func (p PageInfo) pageInfo() PageInfo { return p }

// readPageInfo reads IsTruncated and Marker from a result element. A
// missing IsTruncated is the last page; a malformed one is an error, since
// reading it as false would silently drop the remaining pages.
func readPageInfo(result Node) (PageInfo, error) {
	var info PageInfo
	if n := result.Path("IsTruncated"); n.Exists() {
		v, err := n.ParseBool()
		if err != nil {
			return info, err
		}
		info.IsTruncated = v
	}
	// A copy: the marker outlives its page in the iterator's record of
	// markers seen, and a substring would keep the whole page alive.
	info.Marker = strings.Clone(result.Path("Marker").String())
	return info, nil
}

// Errors of a listing that a server broke. They reach the caller of an
// iterator wrapped in an *OperationError naming the action; test with
// errors.Is.
var (
	// ErrRepeatedMarker: a page answered with a Marker already sent,
	// which would loop forever.
	ErrRepeatedMarker = errors.New("the service returned a Marker it had already returned (the listing would loop)")
	// ErrMissingMarker: a page said IsTruncated=true without a Marker, so
	// the rest cannot be asked for.
	ErrMissingMarker = errors.New("the service said IsTruncated=true but sent no Marker")
)

// pager is an options type carrying PageOptions: *PageOptions itself, or
// a struct that embeds it.
type pager[O any] interface {
	*O
	pageOptions() *PageOptions
}

// pageFunc fetches one page for the given options.
type pageFunc[O, T any] func(ctx context.Context, in *O) ([]T, PageInfo, error)

// allPages builds the iterator of a paginated action: every entry of
// every page, in order. It works on a copy of in (nil means defaults), so
// the caller's options are never changed, and sends each page's Marker
// back for the next. It stops after a page whose IsTruncated is false or
// absent. Any error, from a page call or from a broken Marker sequence,
// is yielded once with a zero entry and ends the iteration, so a failure
// on page 3 can never look like a shorter list. Breaking out of the loop
// stops fetching.
//
// Every iterator of the package is built with it:
//
//	func (c *Client) ListUsersAll(ctx context.Context, opts *ListUsersOptions) iter.Seq2[User, error] {
//		return allPages(ctx, "ListUsers", opts, pageOf(c.ListUsers, func(o *ListUsersOutput) []User { return o.Users }))
//	}
func allPages[O any, P pager[O], T any](ctx context.Context, action string, in *O, page pageFunc[O, T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cur := orDefaults(in)
		po := P(&cur).pageOptions()
		seen := make(map[string]bool)
		if po.Marker != "" {
			seen[po.Marker] = true
		}
		var zero T
		for pageNo := 1; ; pageNo++ {
			items, info, err := page(ctx, &cur)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !info.IsTruncated {
				return
			}
			switch {
			case info.Marker == "":
				err = ErrMissingMarker
			case seen[info.Marker]:
				err = ErrRepeatedMarker
			}
			if err != nil {
				yield(zero, &OperationError{Action: action, Err: fmt.Errorf("page %d: %w", pageNo, err)})
				return
			}
			seen[info.Marker] = true
			po.Marker = info.Marker
		}
	}
}

// paged is a page output: a struct embedding PageInfo.
type paged interface{ pageInfo() PageInfo }

// pageOf adapts a page method to allPages: list fetches one page and
// entries picks the iterated values out of it. An error from list is
// passed on as it is.
func pageOf[O any, R paged, T any](list func(context.Context, *O) (R, error), entries func(R) []T) pageFunc[O, T] {
	return func(ctx context.Context, in *O) ([]T, PageInfo, error) {
		out, err := list(ctx, in)
		if err != nil {
			return nil, PageInfo{}, err
		}
		return entries(out), out.pageInfo(), nil
	}
}

// bind fixes the argument that a page method takes before its options
// (a user name, a job ID), so that it can go to pageOf.
func bind[A, O, R any](list func(context.Context, A, *O) (R, error), a A) func(context.Context, *O) (R, error) {
	return func(ctx context.Context, in *O) (R, error) { return list(ctx, a, in) }
}

// bind2 is bind for page methods with two arguments before the options.
func bind2[A, B, O, R any](list func(context.Context, A, B, *O) (R, error), a A, b B) func(context.Context, *O) (R, error) {
	return func(ctx context.Context, in *O) (R, error) { return list(ctx, a, b, in) }
}
