package iam

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// updateFixtures rewrites generated fixtures and golden files instead of
// comparing against them. An environment variable rather than a flag, so
// it cannot collide with a flag another test file in the package defines.
var updateFixtures = os.Getenv("IAMKIT_UPDATE_FIXTURES") != ""

const listUsers1000 = "testdata/xml/listusers-1000.xml"

// genListUsers builds a ListUsers page of n users shaped like IAM's real
// answers. It is deterministic: same n, same bytes.
func genListUsers(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">` + "\n")
	b.WriteString("  <ListUsersResult>\n    <Users>\n")
	base := time.Date(2012, 5, 8, 23, 34, 1, 0, time.UTC)
	const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	for i := range n {
		// A 16-character base-32 suffix, like IAM's unique IDs, from a
		// linear congruential sequence seeded by the index.
		id := make([]byte, 16)
		x := uint32(i) + 1
		for k := range id {
			x = x*1664525 + 1013904223
			id[k] = idChars[x>>27]
		}
		path := fmt.Sprintf("/division_%03d/subdivision_%02d/engineering/", i%37, i%11)
		name := fmt.Sprintf("user-%04d.example", i)
		created := base.Add(time.Duration(i) * 97 * time.Minute)
		fmt.Fprintf(&b, "      <member>\n")
		fmt.Fprintf(&b, "        <Path>%s</Path>\n", path)
		fmt.Fprintf(&b, "        <UserName>%s</UserName>\n", name)
		fmt.Fprintf(&b, "        <UserId>AIDA%s</UserId>\n", id)
		fmt.Fprintf(&b, "        <Arn>arn:aws:iam::123456789012:user%s%s</Arn>\n", path, name)
		fmt.Fprintf(&b, "        <CreateDate>%s</CreateDate>\n", created.Format(time.RFC3339))
		if i%3 != 0 { // not every user has signed in
			fmt.Fprintf(&b, "        <PasswordLastUsed>%s</PasswordLastUsed>\n",
				created.Add(time.Duration(i%500)*time.Hour).Format(time.RFC3339))
		}
		fmt.Fprintf(&b, "      </member>\n")
	}
	b.WriteString("    </Users>\n    <IsTruncated>true</IsTruncated>\n")
	b.WriteString("    <Marker>AAIAAHdxS2ZsT1ZlR0RVbTZBSnVKZjZsMTAwMA==EXAMPLE</Marker>\n")
	b.WriteString("  </ListUsersResult>\n  <ResponseMetadata>\n")
	b.WriteString("    <RequestId>5bd1c0de-1000-4c4b-9c1e-listusers1000</RequestId>\n")
	b.WriteString("  </ResponseMetadata>\n</ListUsersResponse>\n")
	return b.Bytes()
}

// TestListUsers1000Fixture keeps the committed large page in step with its
// generator; IAMKIT_UPDATE_FIXTURES=1 rewrites it.
func TestListUsers1000Fixture(t *testing.T) {
	want := genListUsers(1000)
	if updateFixtures {
		if err := os.WriteFile(listUsers1000, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(listUsers1000)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from genListUsers(1000); rerun with IAMKIT_UPDATE_FIXTURES=1", listUsers1000)
	}
	resp, err := parseResponse(got)
	if err != nil {
		t.Fatal(err)
	}
	users := resp.List("Users")
	if len(users) != 1000 {
		t.Fatalf("List(Users) has %d entries, want 1000", len(users))
	}
	if got := users[999].Get("UserName").String(); got != "user-0999.example" {
		t.Errorf("last user %q", got)
	}
}

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", "xml", name))
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

func BenchmarkParseListUsers1000(b *testing.B) {
	body := readFixture(b, "listusers-1000.xml")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := parseResponse(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWalkListUsers1000 measures what a typed decoder does after the
// parse: take the list and read five fields of every user.
func BenchmarkWalkListUsers1000(b *testing.B) {
	resp, err := parseResponse(readFixture(b, "listusers-1000.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		for _, u := range resp.List("Users") {
			n += len(u.Get("UserName").String()) + len(u.Get("UserId").String()) +
				len(u.Get("Arn").String()) + len(u.Get("Path").String())
			if !u.Get("CreateDate").Time().IsZero() {
				n++
			}
		}
	}
	if n == 0 {
		b.Fatal("walk read nothing")
	}
}

// BenchmarkParseAndWalkListUsers1000 is the whole path from body to fields,
// the figure to hold against an SDK deserializer that does both at once.
func BenchmarkParseAndWalkListUsers1000(b *testing.B) {
	body := readFixture(b, "listusers-1000.xml")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	var n int
	for b.Loop() {
		resp, err := parseResponse(body)
		if err != nil {
			b.Fatal(err)
		}
		for _, u := range resp.List("Users") {
			n += len(u.Get("UserName").String()) + len(u.Get("UserId").String()) +
				len(u.Get("Arn").String()) + len(u.Get("Path").String())
			if !u.Get("CreateDate").Time().IsZero() {
				n++
			}
		}
	}
	if n == 0 {
		b.Fatal("walk read nothing")
	}
}
