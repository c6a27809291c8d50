// Package bench compares iamkit with aws-sdk-go-v2 and with the bare
// net/http floor on the same workload. It is a separate module so the
// library never depends on what it is compared with. The benchmarks live
// in this package's test files; the programs measured as whole processes
// (walk, size, build, server) live under cmd/; ./run runs everything
// interleaved and prints one table. See README.md.
package bench
