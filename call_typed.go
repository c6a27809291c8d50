package iam

import (
	"context"
	"fmt"
)

// Running an action and reading its result: every typed method goes
// through callResult, and most through one of the readers over it, so that
// a missing or undecodable answer is reported the same way everywhere.

// callResult runs action and returns the response with its <ActionResult>
// element, or the error a typed method returns: the call's own error, or a
// decode error when the result element is missing.
func (c *Client) callResult(ctx context.Context, action string, params Params) (*Response, Node, error) {
	resp, err := c.Call(ctx, action, params)
	if err != nil {
		return nil, Node{}, err
	}
	result := resp.Path(action + "Result")
	if !result.Exists() {
		return nil, Node{}, decodeFailed(action, resp, fmt.Errorf("iam: response element %sResult not found", action))
	}
	return resp, result, nil
}

// decodeFailed reports a success answer a typed method could not read.
// The snapshot is redacted: the body may hold a new secret key.
func decodeFailed(action string, resp *Response, err error) error {
	return &OperationError{Action: action, Err: &DecodeError{
		StatusCode: resp.StatusCode(),
		Snapshot:   snapshot(resp.Raw()),
		Err:        err,
	}}
}

// readElement reads the child name of an action's result element with
// read: the resource a Create*, Get* or Update* action answers with. A
// missing child, or one read cannot decode, is a decode error naming
// action.
func readElement[T any](action string, resp *Response, result Node, name string, read func(Node, *Response) (T, error)) (*T, error) {
	n := result.Path(name)
	if !n.Exists() {
		return nil, decodeFailed(action, resp, errNotFound(result, name))
	}
	v, err := read(n, resp)
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return &v, nil
}

// callElement runs action and reads the child name of its result with
// read (see readElement).
func callElement[T any](ctx context.Context, c *Client, action string, p Params, name string, read func(Node, *Response) (T, error)) (*T, error) {
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	return readElement(action, resp, result, name, read)
}

// callString runs action and returns the text of the child name of its
// result, an identifier the action exists to return: a missing or empty
// one is a decode error naming action.
func (c *Client) callString(ctx context.Context, action string, p Params, name string) (string, error) {
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return "", err
	}
	v := result.Path(name)
	if !v.Exists() || v.String() == "" {
		return "", decodeFailed(action, resp, errNotFound(result, name))
	}
	return v.String(), nil
}

// listed is one page of a list action as the output types carry it: the
// entries, the paging state and the result element they came from.
type listed[T any] struct {
	entries []T
	PageInfo
	source
}

// listPage runs a paginated action and reads its page: the members of the
// list child name, each with read, and the paging state. Errors are what a
// typed method returns: the call's own, or a decode error naming action.
func listPage[T any](ctx context.Context, c *Client, action string, p Params, name string, read func(Node, *Response) (T, error)) (listed[T], error) {
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return listed[T]{}, err
	}
	entries, info, err := decodeList(result, name, func(n Node) (T, error) { return read(n, resp) })
	if err != nil {
		return listed[T]{}, decodeFailed(action, resp, err)
	}
	return listed[T]{entries, info, source{result, resp}}, nil
}
