// Package workload holds what the three versions of each benchmark share:
// the fixtures, the canned server answers and an in-memory transport, so
// that iamkit, aws-sdk-go-v2 and the net/http floor see the same bytes.
package workload

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Credentials every client signs with. The local servers of these
// benchmarks do not check signatures; the values only have to be valid.
const (
	AccessKeyID     = "AKIDEXAMPLE"
	SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	Region          = "us-east-1"
)

// Fixture names under the library's testdata/xml.
const (
	ListUsers1    = "listusers-1.xml"
	ListUsers1000 = "listusers-1000.xml"
)

// ListUsersForm is the pre-built body the net/http floor posts: what any
// client must at least send for an unfiltered ListUsers.
var ListUsersForm = []byte("Action=ListUsers&Version=2010-05-08")

// TestdataDir is the library's testdata/xml directory. The fixtures are
// read from the library rather than copied, so the comparison always uses
// the bytes the library's own tests and benchmarks use. The path is found
// from this source file, so it works from any working directory on the
// machine that built the binary; IAMKIT_TESTDATA overrides it.
func TestdataDir() string {
	if d := os.Getenv("IAMKIT_TESTDATA"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "testdata", "xml")
	}
	// file is .../bench/internal/workload/workload.go.
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "xml")
}

// Fixture reads a file of the library's testdata/xml.
func Fixture(name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(TestdataDir(), name))
	if err != nil {
		return nil, fmt.Errorf("fixture %s: %w (set IAMKIT_TESTDATA to the library's testdata/xml)", name, err)
	}
	return b, nil
}
