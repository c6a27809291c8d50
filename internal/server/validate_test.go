package server

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Path follows IAM's pattern (\u002F)|(\u002F[\u0021-\u007F]+\u002F).
func TestPathParam(t *testing.T) {
	for path, ok := range map[string]bool{
		"/":        true,
		"/a/":      true,
		"/a/b/":    true,
		"///":      true,
		"//":       false,
		"":         false,
		"a/":       false,
		"/a":       false,
		"/a b/":    false,
		"/\x00/":   false,
		"/\u00e9/": false,
	} {
		t.Run(path, func(t *testing.T) {
			got, err := pathParam(params(url.Values{"Path": {path}}), "Path")
			if ok {
				assert.Nil(t, err)
				assert.Equal(t, path, got)
				return
			}
			if assert.NotNil(t, err) {
				assert.Equal(t, CodeValidationError, err.Code)
			}
		})
	}
}
