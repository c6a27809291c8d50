package iam

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// CreatePolicy's Description has a length limit (1000 characters) and no
// character pattern, unlike a role's: text beyond Latin-1 is valid and
// must be sent, while 1001 characters are still refused.
func TestCreatePolicyDescriptionAnyCharacters(t *testing.T) {
	ctx := context.Background()
	for name, desc := range map[string]string{
		"dash and check": "Lecture seule — tables de prod ✓",
		"japanese":       "本番テーブルの読み取り専用",
		"1000 runes":     strings.Repeat("é", 1000),
	} {
		t.Run(name, func(t *testing.T) {
			c, hits := expectForm(t, form("CreatePolicy", "PolicyName", "P", "PolicyDocument", s3ListAll, "Description", desc),
				200, typedFixture(t, "createpolicy.xml"))
			_, err := c.CreatePolicyJSON(ctx, "P", s3ListAll, &CreatePolicyOptions{Description: desc})
			require.NoError(t, err)
			require.EqualValues(t, 1, hits.Load())
		})
	}
	t.Run("too long", func(t *testing.T) {
		_, err := neverCalled(t).CreatePolicyJSON(ctx, "P", s3ListAll, &CreatePolicyOptions{Description: strings.Repeat("本", 1001)})
		requireValidation(t, err, "CreatePolicy", "Description")
	})
}
