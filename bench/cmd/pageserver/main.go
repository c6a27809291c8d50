// Command pageserver serves ListUsers as -pages pages of the library's
// 1000-user fixture, for the walk programs. It runs in its own process so
// that their peak RSS counts only the client. It prints its URL on the
// first line of standard output and serves until killed.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/iamkit/iam/bench/internal/workload"
)

func main() {
	pages := flag.Int("pages", 100, "number of pages")
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()

	page, err := workload.Fixture(workload.ListUsers1000)
	if err != nil {
		log.Fatal(err)
	}
	p, err := workload.NewPages(page, *pages)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "http://%s/\n", ln.Addr())
	log.Fatal(http.Serve(ln, p))
}
