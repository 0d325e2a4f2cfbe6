// reference_bench prints ns per next-run call of robfig/cron v3 and gorhill/cronexpr for the
// expressions of Benchmarks/CronBenchmark, in America/New_York, from the same 4,096 starts.
// Output lines: "<engine>\t<expression>\t<ns per call>".
package main

import (
	"fmt"
	"sort"
	"time"

	"github.com/gorhill/cronexpr"
	"github.com/robfig/cron"
)

var expressions = []string{"* * * * *", "*/15 9-17 * * 1-5", "0 0 1 1 *", "0 0 29 2 *", "0 2 * * 0"}

func starts(loc *time.Location) []time.Time {
	out := make([]time.Time, 0, 4096)
	state := uint64(0x2545F4914F6CDD1D)
	for i := 0; i < 4096; i++ {
		state = state*6364136223846793005 + 1442695040888963407
		seconds := int64(1577836800) + int64(state>>33)%315532800
		out = append(out, time.Unix(seconds, 0).In(loc))
	}
	return out
}

func median(next func(time.Time) time.Time, from []time.Time, calls int) float64 {
	var rounds []float64
	sum := int64(0)
	for r := 0; r < 5; r++ {
		begin := time.Now()
		for i := 0; i < calls; i++ {
			sum += next(from[i&4095]).Unix()
		}
		rounds = append(rounds, float64(time.Since(begin).Nanoseconds())/float64(calls))
	}
	sort.Float64s(rounds)
	if sum == 42 {
		fmt.Println("")
	}
	return rounds[2]
}

func main() {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	from := starts(loc)
	for _, text := range expressions {
		sched, err := cron.ParseStandard(text)
		if err != nil {
			panic(err)
		}
		calls := 40000
		if text == "0 0 29 2 *" || text == "0 0 1 1 *" {
			calls = 8000
		}
		fmt.Printf("robfig\t%s\t%.1f\n", text, median(sched.Next, from, calls))
		expr := cronexpr.MustParse(text)
		fmt.Printf("gorhill\t%s\t%.1f\n", text, median(expr.Next, from, calls*4))
	}
}
