// Command table reads the raw results ./run collected (files named as
// arguments, or standard input) and prints the table of medians, ratios
// and verdicts against the targets of issue 7.
package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"github.com/iamkit/iam/bench/internal/report"
)

func main() {
	var in io.Reader = os.Stdin
	if len(os.Args) > 1 {
		var rs []io.Reader
		for _, name := range os.Args[1:] {
			f, err := os.Open(name)
			if err != nil {
				log.Fatal(err)
			}
			defer f.Close()
			rs = append(rs, f)
		}
		in = io.MultiReader(rs...)
	}
	res, err := report.Parse(in)
	if err != nil {
		log.Fatal(err)
	}
	report.Write(os.Stdout, res.Rows())
	fmt.Println()
}
