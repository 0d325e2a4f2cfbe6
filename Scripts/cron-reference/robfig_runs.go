// robfig_runs reads one JSON request per line on stdin and prints robfig/cron v3's run
// times for it: {"expr": "...", "zone": "America/New_York", "start": 1700000000, "count": 5}
// -> {"next": [unix seconds...], "error": "..."}. A zero time (robfig's "none") ends the list.
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"time"

	"github.com/robfig/cron"
)

type request struct {
	Expr  string `json:"expr"`
	Zone  string `json:"zone"`
	Start int64  `json:"start"`
	Count int    `json:"count"`
}

type response struct {
	Next  []int64 `json:"next"`
	Error string  `json:"error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var req request
		var resp response
		resp.Next = []int64{}
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			resp.Error = err.Error()
			out.Encode(resp)
			continue
		}
		loc, err := time.LoadLocation(req.Zone)
		if err != nil {
			resp.Error = err.Error()
			out.Encode(resp)
			continue
		}
		sched, err := cron.ParseStandard(req.Expr)
		if err != nil {
			resp.Error = err.Error()
			out.Encode(resp)
			continue
		}
		t := time.Unix(req.Start, 0).In(loc)
		for i := 0; i < req.Count; i++ {
			t = sched.Next(t)
			if t.IsZero() {
				break
			}
			resp.Next = append(resp.Next, t.Unix())
		}
		out.Encode(resp)
	}
}
