package query

import (
	"net/url"
	"testing"
)

func TestEscape(t *testing.T) {
	cases := map[string]string{
		"":                       "",
		"AZaz09-_.~":             "AZaz09-_.~",
		"a b":                    "a%20b",
		"a+b":                    "a%2Bb",
		"/path/":                 "%2Fpath%2F",
		"*":                      "%2A",
		"é":                      "%C3%A9",
		"{\"Version\":\"2012\"}": "%7B%22Version%22%3A%222012%22%7D",
	}
	for in, want := range cases {
		t.Run(in, func(t *testing.T) {
			if got := Escape(in); got != want {
				t.Errorf("Escape(%q) = %q, want %q", in, got, want)
			}
			if got := EscapedLen(in); got != len(want) {
				t.Errorf("EscapedLen(%q) = %d, want %d", in, got, len(want))
			}
		})
	}
}

func TestEncodeSortsAndRoundTrips(t *testing.T) {
	var v Values
	v.Add("Version", "2010-05-08")
	v.Add("Action", "CreateUser")
	v.AddList("PolicyArns", []string{"arn:aws:iam::aws:policy/A", "b c"})
	v.AddList("Empty", nil)
	v.Add("UserName", "ann~+&=")
	v.Sort()
	got := string(v.AppendEncode(nil))
	want := "Action=CreateUser&PolicyArns.member.1=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FA&PolicyArns.member.2=b%20c&UserName=ann~%2B%26%3D&Version=2010-05-08"
	if got != want {
		t.Fatalf("encode:\n got %s\nwant %s", got, want)
	}
	if v.EncodedLen() != len(got) {
		t.Errorf("EncodedLen = %d, want %d", v.EncodedLen(), len(got))
	}
	// Any form decoder reads the encoding back to the same values.
	parsed, err := url.ParseQuery(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v {
		if parsed.Get(p.Key) != p.Value {
			t.Errorf("%s: decoded %q, want %q", p.Key, parsed.Get(p.Key), p.Value)
		}
	}
	if val, ok := v.Get("UserName"); !ok || val != "ann~+&=" {
		t.Errorf("Get(UserName) = %q, %v", val, ok)
	}
	if _, ok := v.Get("Missing"); ok {
		t.Error("Get(Missing) reported present")
	}
}

func TestMemberKey(t *testing.T) {
	if got := MemberKey("Tags", 0, "Key"); got != "Tags.member.1.Key" {
		t.Errorf("got %q", got)
	}
	if got := MemberKey("PolicyArns", 9, ""); got != "PolicyArns.member.10" {
		t.Errorf("got %q", got)
	}
}
