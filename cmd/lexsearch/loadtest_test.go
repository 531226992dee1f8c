//go:build loadtest

// The load test runs only under `make loadtest` (build tag loadtest): it
// takes a minute of both cores, which `make test` must not.

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadConfig is read from the environment so `make loadtest` can pass it.
type loadConfig struct {
	bin      string
	clients  int
	duration time.Duration
	docs     int
	uploads  int           // uploads in flight at once
	maxTime  time.Duration // no document is sent after this, so a slow machine ends too
}

func loadConfigFromEnv(t *testing.T) loadConfig {
	c := loadConfig{bin: "../../bin/lexsearch", clients: 32, duration: 60 * time.Second, docs: 5000, uploads: 16, maxTime: 10 * time.Minute}
	if v := os.Getenv("LOADTEST_BIN"); v != "" {
		c.bin = v
	}
	for name, into := range map[string]*int{"LOADTEST_CLIENTS": &c.clients, "LOADTEST_DOCS": &c.docs, "LOADTEST_UPLOADS": &c.uploads} {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				t.Fatalf("%s=%q: want a positive number", name, v)
			}
			*into = n
		}
	}
	for name, into := range map[string]*time.Duration{"LOADTEST_DURATION": &c.duration, "LOADTEST_MAX_TIME": &c.maxTime} {
		if v := os.Getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				t.Fatalf("%s=%q: want a duration such as 60s", name, v)
			}
			*into = d
		}
	}
	return c
}

// Words the generator builds documents from, and searches ask for.
var (
	loadWords = strings.Fields(`plaintiff defendant platform advertisement trafficking venture beneficiary
		knowingly participation immunity publisher content provider complaint motion dismiss granted denied
		minor victim website classified escort payment processor hotel franchise liability negligence
		statute section amendment congress enacted civil remedy criminal conduct evidence discovery`)
	loadCourts   = []string{"N.D. Ill.", "N.D. Cal.", "S.D.N.Y.", "7th Cir.", "9th Cir.", "D. Mass."}
	loadStatutes = []string{"18 U.S.C. § 1591", "18 U.S.C. § 1595", "47 U.S.C. § 230", "Pub. L. 115-164"}
	loadQueries  = []string{
		"trafficking", "beneficiary liability", `"motion to dismiss"`, "platform AND immunity", "hotel franchise",
		"section 230", "knowingly w/5 venture", "escort OR classified", "payment processor -hotel", "civil remedy",
	}
)

// genDoc writes one synthetic opinion with a word no other document has,
// so the test can find exactly it afterwards.
func genDoc(i int, r *rand.Rand) (name, text, marker string) {
	marker = fmt.Sprintf("zqmark%dx", i)
	var b strings.Builder
	fmt.Fprintf(&b, "UNITED STATES DISTRICT COURT\n%s\n\nDoe %d v. Platform %d, Inc.\nCase No. 1:%02d-cv-%05d\n\nMEMORANDUM OPINION AND ORDER\n\n",
		loadCourts[r.IntN(len(loadCourts))], i, r.IntN(1000), 18+r.IntN(7), r.IntN(99999))
	for p := range 3 + r.IntN(6) {
		for range 5 + r.IntN(10) {
			for range 8 + r.IntN(12) {
				b.WriteString(loadWords[r.IntN(len(loadWords))])
				b.WriteByte(' ')
			}
			if r.IntN(3) == 0 {
				fmt.Fprintf(&b, "under %s ", loadStatutes[r.IntN(len(loadStatutes))])
			}
			b.WriteString(". ")
		}
		if p == 1 {
			fmt.Fprintf(&b, "The record identifier is %s. ", marker)
		}
		b.WriteString("\n\n")
	}
	return fmt.Sprintf("load-%05d.txt", i), b.String(), marker
}

// loadStats are what the report prints.
type loadStats struct {
	mu        sync.Mutex
	latencies []time.Duration
	requests  atomic.Int64
	errors5xx atomic.Int64
	rejected  atomic.Int64
	other4xx  atomic.Int64
	failed    atomic.Int64 // no answer at all
}

func (s *loadStats) record(code int, took time.Duration, err error) {
	s.requests.Add(1)
	switch {
	case err != nil:
		s.failed.Add(1)
	case code >= 500:
		s.errors5xx.Add(1)
	case code == http.StatusTooManyRequests:
		s.rejected.Add(1)
	case code >= 400:
		s.other4xx.Add(1)
	}
	if err == nil && code < 400 {
		s.mu.Lock()
		s.latencies = append(s.latencies, took)
		s.mu.Unlock()
	}
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

// TestLoad: clients search for a while as documents arrive through POST
// /documents; then every acknowledged document must be found.
func TestLoad(t *testing.T) {
	cfg := loadConfigFromEnv(t)
	bin, err := filepath.Abs(cfg.bin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s: %v (run `make loadtest`, which builds it)", bin, err)
	}
	token := "loadtest-" + strconv.FormatUint(rand.Uint64(), 36)
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-data", t.TempDir())
	cmd.Env = append(os.Environ(), "LEXSEARCH_TOKEN="+token, "LEXSEARCH_LOG_LEVEL=warn")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var serverErr bytes.Buffer
	cmd.Stderr = &serverErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	base := ""
	sc := bufio.NewScanner(stdout)
	addrRE := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`)
	for sc.Scan() {
		if m := addrRE.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
			break
		}
	}
	if base == "" {
		t.Fatalf("the server did not start:\n%s", serverErr.String())
	}
	go io.Copy(io.Discard, stdout)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.clients + cfg.uploads}, Timeout: 2 * time.Minute}
	var searches, uploads loadStats
	stop := make(chan struct{})
	var wg sync.WaitGroup

	// Searchers: a mix of what people and scripts ask.
	for c := range cfg.clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(c), 1))
			for {
				select {
				case <-stop:
					return
				default:
				}
				q := url.Values{"q": {loadQueries[r.IntN(len(loadQueries))]}}
				target := "/search?"
				switch n := r.IntN(100); {
				case n < 10:
					q.Set("court", loadCourts[r.IntN(len(loadCourts))])
				case n < 20:
					q.Set("statute", loadStatutes[r.IntN(len(loadStatutes))])
				case n < 25:
					q.Set("format", "text")
				case n < 28:
					target = "/feed.atom?"
				case n < 30:
					q = url.Values{"prefix": {"n"}}
					target = "/entities/court?"
				case n < 31:
					q.Set("format", "csv")
				case n < 40:
					q.Set("sort", "-date")
					q.Set("page", strconv.Itoa(1+r.IntN(5)))
				}
				start := time.Now()
				resp, err := client.Get(base + target + q.Encode())
				code := 0
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					code = resp.StatusCode
				}
				searches.record(code, time.Since(start), err)
				if code == http.StatusTooManyRequests {
					// A well-behaved client waits as told; one that
					// retries at once only burns the CPU the others need.
					select {
					case <-time.After(retryAfter(resp)):
					case <-stop:
					}
				}
			}
		})
	}

	// Uploaders: the generated documents through POST /documents.
	type acked struct{ marker, id string }
	var ackMu sync.Mutex
	var acks []acked
	next := atomic.Int64{}
	var sent atomic.Int64
	var up sync.WaitGroup
	ingestStart := time.Now()
	for range cfg.uploads {
		up.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= cfg.docs || time.Since(ingestStart) > cfg.maxTime {
					return
				}
				sent.Add(1)
				name, text, marker := genDoc(i, rand.New(rand.NewPCG(uint64(i), 3)))
				for giveUp := time.Now().Add(5 * time.Minute); time.Now().Before(giveUp); {
					req, _ := http.NewRequest(http.MethodPost, base+"/documents?name="+url.QueryEscape(name), strings.NewReader(text))
					req.Header.Set("Authorization", "Bearer "+token)
					start := time.Now()
					resp, err := client.Do(req)
					code := 0
					var body []byte
					if err == nil {
						body, _ = io.ReadAll(resp.Body)
						resp.Body.Close()
						code = resp.StatusCode
					}
					uploads.record(code, time.Since(start), err)
					if code == http.StatusTooManyRequests {
						time.Sleep(retryAfter(resp))
						continue
					}
					if code == http.StatusCreated || code == http.StatusOK {
						var a struct{ ID string }
						_ = json.Unmarshal(body, &a)
						ackMu.Lock()
						acks = append(acks, acked{marker, a.ID})
						ackMu.Unlock()
					}
					break
				}
			}
		})
	}
	up.Wait()
	ingestTook := time.Since(ingestStart)
	if rest := cfg.duration - ingestTook; rest > 0 {
		time.Sleep(rest)
	}
	close(stop)
	wg.Wait()
	searchTook := max(cfg.duration, ingestTook)

	// Every acknowledged document is searchable, by its own word.
	lost := 0
	for _, a := range acks {
		resp, err := client.Get(base + "/search?" + url.Values{"q": {a.marker}, "facet": {"none"}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Total int
			Hits  []struct{ ID string }
		}
		err = json.NewDecoder(resp.Body).Decode(&res)
		resp.Body.Close()
		if err != nil || res.Total != 1 || res.Hits[0].ID != a.id {
			lost++
		}
	}
	peak := peakRSS(cmd.Process.Pid)

	lat := searches.latencies
	fmt.Printf("\nlexsearch load test: %d clients searching for %s while %d of %d documents were sent by %d uploaders\n",
		cfg.clients, searchTook.Round(time.Second), sent.Load(), cfg.docs, cfg.uploads)
	fmt.Printf("  searches   %7d requests (%.0f/s), 5xx %d, 429 %d, other 4xx %d, no answer %d\n",
		searches.requests.Load(), float64(searches.requests.Load())/searchTook.Seconds(),
		searches.errors5xx.Load(), searches.rejected.Load(), searches.other4xx.Load(), searches.failed.Load())
	fmt.Printf("             p50 %s, p99 %s (answered)\n", percentile(lat, .50).Round(time.Microsecond), percentile(lat, .99).Round(time.Microsecond))
	fmt.Printf("  uploads    %7d requests in %s (%.0f docs/s), 5xx %d, 429 %d, other 4xx %d, no answer %d\n",
		uploads.requests.Load(), ingestTook.Round(time.Second), float64(len(acks))/ingestTook.Seconds(),
		uploads.errors5xx.Load(), uploads.rejected.Load(), uploads.other4xx.Load(), uploads.failed.Load())
	fmt.Printf("             p50 %s, p99 %s\n", percentile(uploads.latencies, .50).Round(time.Microsecond), percentile(uploads.latencies, .99).Round(time.Microsecond))
	fmt.Printf("  documents  %d sent, %d acknowledged, %d lost (acknowledged but not found)\n", sent.Load(), len(acks), lost)
	fmt.Printf("  server     peak RSS %d MiB\n\n", peak>>20)

	if n := searches.errors5xx.Load() + uploads.errors5xx.Load(); n > 0 {
		t.Errorf("%d answers were 5xx; the contract is 0\nserver log:\n%s", n, tail(serverErr.String(), 40))
	}
	if lost > 0 {
		t.Errorf("%d acknowledged documents were not found", lost)
	}
	if int64(len(acks)) != sent.Load() {
		t.Errorf("%d of %d documents sent were acknowledged", len(acks), sent.Load())
	}
	if sent.Load() < int64(cfg.docs) {
		fmt.Printf("  note: LOADTEST_MAX_TIME (%s) ran out after %d of %d documents\n", cfg.maxTime, sent.Load(), cfg.docs)
	}
	if n := searches.failed.Load() + uploads.failed.Load(); n > 0 {
		t.Errorf("%d requests got no answer", n)
	}
}

// retryAfter is the wait a 429 asks for.
func retryAfter(resp *http.Response) time.Duration {
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || secs < 1 {
		secs = 1
	}
	return time.Duration(secs) * time.Second
}

// peakRSS is the high-water mark of a process's resident memory (Linux).
func peakRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func tail(s string, lines int) string {
	l := strings.Split(s, "\n")
	return strings.Join(l[max(0, len(l)-lines):], "\n")
}
