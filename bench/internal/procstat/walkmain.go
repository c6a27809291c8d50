package procstat

import (
	"context"
	"flag"
	"log"
	"os"
	"time"
)

// WalkMain is the main function of the walk programs: it parses their
// flags (-endpoint, -cpuprofile, -allocsprofile), runs walk against the
// pageserver, and prints the figures of the process under variant's name.
// Every program measures the same way; only walk differs.
func WalkMain(variant string, walk func(ctx context.Context, endpoint string) (users, pages int, err error)) {
	endpoint := flag.String("endpoint", "", "pageserver URL")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile here (changes the figures: for analysis only)")
	allocsProfile := flag.String("allocsprofile", "", "write an allocation profile here at the end")
	flag.Parse()
	stop, err := Profile(*cpuProfile, *allocsProfile)
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	users, pages, err := walk(context.Background(), *endpoint)
	if err != nil {
		log.Fatal(err)
	}
	elapsed := time.Since(start)
	if err := stop(); err != nil {
		log.Fatal(err)
	}
	s, err := Read()
	if err != nil {
		log.Fatal(err)
	}
	Print(os.Stdout, variant, users, pages, elapsed, s)
}
