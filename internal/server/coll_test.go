package server

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCollRename(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		ok       bool
		keys     []string
	}{
		{"new name", "bob", "robert", true, []string{"alice", "robert"}},
		{"case only", "bob", "BOB", true, []string{"alice", "bob"}},
		{"same name", "bob", "bob", true, []string{"alice", "bob"}},
		{"taken, any case", "bob", "ALICE", false, []string{"alice", "bob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c coll[string]
			c.put("alice", "a")
			c.put("bob", "b")
			assert.Equal(t, tt.ok, c.rename(tt.from, tt.to, "b"))
			assert.Equal(t, tt.keys, c.keys)
			got, _ := c.get(tt.to)
			if tt.ok {
				assert.Equal(t, "b", got)
			} else {
				assert.Equal(t, "a", got, "a refused rename changes nothing")
			}
		})
	}
}

func TestCollNamed(t *testing.T) {
	var c coll[string]
	c.put("Bob", "b")
	tests := []struct {
		name, value, code string
	}{
		{"found, any case", "BOB", ""},
		{"missing", "carol", CodeNoSuchEntity},
		{"bad name", "no spaces", CodeValidationError},
		{"absent", "", CodeValidationError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := params{}
			if tt.value != "" {
				p["UserName"] = []string{tt.value}
			}
			got, err := c.named(p, "UserName", maxUserName, "The user with name %s cannot be found.")
			if tt.code == "" {
				assert.Nil(t, err)
				assert.Equal(t, "b", got)
				return
			}
			if assert.NotNil(t, err) {
				assert.Equal(t, tt.code, err.Code)
			}
		})
	}
}
