// Command size-floor is the floor of the size and build figures: the
// least a program that creates an IAM user needs. It takes the access key
// from the environment and POSTs a pre-built CreateUser form with
// net/http, unsigned. The programs it is measured against sign, parse
// and load the full default credential chain; what they add over this
// one is what a client library costs.
//
//	AWS_ENDPOINT_URL_IAM=http://127.0.0.1:4599 size-floor NAME
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
)

func main() {
	name := "bench-user"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	status, err := run(context.Background(), name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "size-floor:", err)
		os.Exit(1)
	}
	fmt.Println(status)
}

func run(ctx context.Context, name string) (string, error) {
	if os.Getenv("AWS_ACCESS_KEY_ID") == "" {
		return "", errors.New("AWS_ACCESS_KEY_ID is not set")
	}
	endpoint := os.Getenv("AWS_ENDPOINT_URL_IAM")
	if endpoint == "" {
		endpoint = "https://iam.amazonaws.com/"
	}
	form := "Action=CreateUser&UserName=" + url.QueryEscape(name) + "&Version=2010-05-08"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s, %d bytes", resp.Status, n), nil
}
