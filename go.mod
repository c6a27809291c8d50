module github.com/iamkit/iam

go 1.26.0

require (
	github.com/aws/smithy-go v1.28.9
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/aws/smithy-go/aws-http-auth v1.2.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5
	golang.org/x/net v0.62.0 // indirect
)
