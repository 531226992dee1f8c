package ui_test

// These tests drive the pages in a real headless Chromium, with one server
// and one browser for the whole test and a tab per case. They need Debian's
// chromium (apt-get install chromium; .ci/run installs it): without it they
// skip, saying so, and under CI=true they fail.

import (
	"context"
	"errors"
	"flag"
	"io"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"lexsearch/api"
	"lexsearch/corpus"
	"lexsearch/indexer"
	"lexsearch/search"
)

var screenshots = flag.String("screenshots", "", "save the browser tests' screenshots in this directory (default: the test's artifact directory, see go test -artifacts)")

// chromiumPath finds the browser: $LEXSEARCH_CHROMIUM, else Debian's
// chromium or a Chrome on PATH.
func chromiumPath() (string, error) {
	if p := os.Getenv("LEXSEARCH_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium, chromium-browser or google-chrome on PATH and LEXSEARCH_CHROMIUM is not set")
}

// browserEnv is the one server and browser the cases share.
type browserEnv struct {
	base    string
	browser context.Context
	shots   string
	ids     map[string]string // source file -> document id
}

func startBrowserEnv(t *testing.T) *browserEnv {
	t.Helper()
	path, err := chromiumPath()
	if err != nil {
		msg := "BROWSER TESTS NOT RUN: " + err.Error() + "; install it with `apt-get install chromium`"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}

	// The real index over the embedded sample corpus.
	dir := t.TempDir()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix := indexer.New(logger, indexer.Options{})
	if _, err := ix.Ingest(context.Background(), dir, []indexer.Input{{FS: corpus.Docs()}}, indexer.Mode{}); err != nil {
		t.Fatal(err)
	}
	bidx, err := indexer.OpenIndex(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bidx.Close() })
	idx, err := search.New(bidx)
	if err != nil {
		t.Fatal(err)
	}
	env := &browserEnv{ids: map[string]string{}}
	err = idx.Each(context.Background(), search.Request{}, func(uint64) {}, func(h search.Hit) error {
		env.ids[h.Source] = h.ID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.NewServer(logger, idx, api.Config{Originals: bidx.(interface{ Originals() fs.FS }).Originals()}))
	t.Cleanup(srv.Close)
	env.base = srv.URL

	env.shots = *screenshots
	if env.shots == "" {
		env.shots = t.ArtifactDir()
	}
	if err := os.MkdirAll(env.shots, 0o755); err != nil {
		t.Fatal(err)
	}

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(browserCtx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	env.browser = browserCtx
	return env
}

// tab opens a new tab of the shared browser, 1280×900 unless resized.
func (e *browserEnv) tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// within runs fn under a deadline, so a page that never loads fails the
// case instead of hanging the test.
func within[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (e *browserEnv) open(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	within(t, ctx, chromedp.Steps(chromedp.Navigate(e.base+path), chromedp.WaitReady(chromedp.CSS("body"))))
}

// follow clicks (or presses) something that loads a new page and waits
// for it.
func follow(t *testing.T, ctx context.Context, step chromedp.Action[chromedp.Void]) {
	t.Helper()
	cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(cctx, step); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return within(t, ctx, chromedp.Evaluate[T](js))
}

func (e *browserEnv) screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png := within(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(e.shots, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// page is what a person reads off a results page.
type page struct {
	Count  string         `json:"count"`
	Titles []string       `json:"titles"`
	Facets map[string]int `json:"facets"` // "court=ilnd" -> count
	Ticked []string       `json:"ticked"`
	Chips  []string       `json:"chips"`
	URL    string         `json:"url"`
}

const readPage = `(() => {
  const facets = {};
  document.querySelectorAll('.facet-value').forEach(li => {
    const box = li.querySelector('input');
    const n = parseInt(li.querySelector('.fv-count').textContent, 10);
    if (!isNaN(n)) facets[box.name + '=' + box.value] = n;
  });
  return {
    count: (document.querySelector('.count') || {textContent: ''}).textContent.trim().replace(/\s+/g, ' '),
    titles: [...document.querySelectorAll('.hit-title')].map(h => h.textContent.trim()),
    facets,
    ticked: [...document.querySelectorAll('.facet-value input:checked')].map(b => b.name + '=' + b.value),
    chips: [...document.querySelectorAll('.chip')].map(c => c.textContent.trim().replace(/\s+/g, ' ')),
    url: location.pathname + location.search + location.hash,
  };
})()`

func TestBrowser(t *testing.T) {
	env := startBrowserEnv(t)
	salesforceID := env.ids["docketalarm-gg-v-salesforce-ilnd-2022.txt"]
	if salesforceID == "" {
		t.Fatalf("sample corpus lacks the Salesforce opinion: %v", env.ids)
	}

	t.Run("facet, chip and counts", func(t *testing.T) {
		ctx := env.tab(t)
		env.open(t, ctx, "/search?q=section+230")
		before := eval[page](t, ctx, readPage)
		if before.Count != "4 documents" || len(before.Titles) != 4 {
			t.Fatalf("section 230: %q, %d titles", before.Count, len(before.Titles))
		}
		if before.Facets["court=ilnd"] != 1 || before.Facets["court=cand"] != 1 {
			t.Fatalf("court counts %v", before.Facets)
		}
		env.screenshot(t, ctx, "search.png")

		// Ticking a court applies at once (JavaScript submits the form).
		follow(t, ctx, chromedp.Click(chromedp.CSS(`input[name="court"][value="ilnd"]`)))
		after := eval[page](t, ctx, readPage)
		if !strings.Contains(after.URL, "court=ilnd") || after.Count != "1 document" ||
			!slices.Equal(after.Titles, []string{"G.G. v. Salesforce.com, Inc."}) {
			t.Fatalf("after ticking N.D. Ill.: %+v", after)
		}
		if !slices.Equal(after.Ticked, []string{"court=ilnd"}) || after.Facets["court=cand"] != 1 {
			t.Errorf("court facet after ticking: ticked %v, counts %v (other courts must keep their counts)", after.Ticked, after.Facets)
		}
		if after.Facets["type=article"] != 0 || before.Facets["type=article"] != 1 {
			t.Errorf("the type counts did not follow the court: before %v, after %v", before.Facets, after.Facets)
		}
		if len(after.Chips) != 1 || !strings.Contains(after.Chips[0], "N.D. Ill.") {
			t.Fatalf("chips %q", after.Chips)
		}

		// Ticking a second court ORs it in.
		follow(t, ctx, chromedp.Click(chromedp.CSS(`input[name="court"][value="cand"]`)))
		if both := eval[page](t, ctx, readPage); both.Count != "2 documents" || len(both.Chips) != 2 {
			t.Errorf("two courts: %+v", both)
		}

		// Removing the chips gives the first search back.
		for range 2 {
			follow(t, ctx, chromedp.Click(chromedp.CSS(`a.chip`)))
		}
		removed := eval[page](t, ctx, readPage)
		if removed.Count != before.Count || !slices.Equal(removed.Titles, before.Titles) || len(removed.Chips) != 0 {
			t.Errorf("after removing the chips: %+v, want %+v", removed, before)
		}
	})

	t.Run("facet filter box and histogram", func(t *testing.T) {
		ctx := env.tab(t)
		env.open(t, ctx, "/search")
		all := eval[page](t, ctx, readPage)
		within(t, ctx, chromedp.SendKeys(chromedp.ID("ff-statute"), "u.s.c"))
		visible := eval[[]string](t, ctx, `[...document.querySelectorAll('#facet-statute .facet-value')]
		  .filter(li => !li.hidden).map(li => li.dataset.label)`)
		if len(visible) < 2 {
			t.Fatalf("typing u.s.c left %q", visible)
		}
		for _, v := range visible {
			if !strings.Contains(strings.ToLower(v), "u.s.c") {
				t.Errorf("typing u.s.c left %q visible", v)
			}
		}
		if open := eval[bool](t, ctx, `document.querySelector('#facet-statute details.more').open`); !open {
			t.Error(`filtering did not open "more…"`)
		}
		// A bar of the histogram narrows to its year.
		follow(t, ctx, chromedp.Click(chromedp.CSS(`.barcol a.bar-link`)))
		year := eval[page](t, ctx, readPage)
		if !strings.Contains(year.URL, "year=") || len(year.Chips) != 1 || year.Count == all.Count {
			t.Errorf("after clicking a year: %+v", year)
		}
	})

	t.Run("paging and keys", func(t *testing.T) {
		ctx := env.tab(t)
		env.open(t, ctx, "/search?size=2&sort=date")
		first := eval[page](t, ctx, readPage)
		if len(first.Titles) != 2 || !strings.HasPrefix(first.Count, "5 documents") {
			t.Fatalf("first page: %+v", first)
		}
		follow(t, ctx, chromedp.Click(chromedp.CSS(`a[rel="next"]`)))
		second := eval[page](t, ctx, readPage)
		if !strings.Contains(second.URL, "page=2") || len(second.Titles) != 2 || slices.Contains(first.Titles, second.Titles[0]) {
			t.Fatalf("second page: %+v after %+v", second, first)
		}
		follow(t, ctx, chromedp.KeyEvent("n")) // keyboard: next page
		third := eval[page](t, ctx, readPage)
		if !strings.Contains(third.URL, "page=3") || len(third.Titles) != 1 {
			t.Fatalf("third page: %+v", third)
		}
		follow(t, ctx, chromedp.KeyEvent("p"))
		if back := eval[page](t, ctx, readPage); !slices.Equal(back.Titles, second.Titles) {
			t.Errorf("p went to %+v, want page 2", back)
		}
		within(t, ctx, chromedp.KeyEvent("j"))
		if focused := eval[string](t, ctx, `document.activeElement.textContent.trim()`); focused != second.Titles[0] {
			t.Errorf("j focused %q, want the first result %q", focused, second.Titles[0])
		}
		within(t, ctx, chromedp.KeyEvent("/"))
		if id := eval[string](t, ctx, `document.activeElement.id`); id != "q" {
			t.Errorf("/ focused %q, want the search box", id)
		}
	})

	t.Run("snippet to page anchor and pin cite", func(t *testing.T) {
		ctx := env.tab(t)
		origin := env.base
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "clipboard-read"}, Setting: browser.PermissionSettingGranted, Origin: origin})
		if err != nil {
			t.Logf("clipboard-read permission: %v (the cite is checked on the page)", err)
		}
		_, _ = chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: "clipboard-write"}, Setting: browser.PermissionSettingGranted, Origin: origin})

		env.open(t, ctx, "/search?q=section+230&court=ilnd")
		href := eval[string](t, ctx, `[...document.querySelectorAll('a.snippet')].map(a => a.getAttribute('href')).find(h => h.endsWith('#p7')) || ''`)
		if href == "" {
			t.Fatal("no snippet on page 7")
		}
		follow(t, ctx, chromedp.Click(chromedp.CSS(`a.snippet[href$="#p7"]`)))
		u := eval[string](t, ctx, `location.pathname + location.search + location.hash`)
		if want := "/documents/" + salesforceID + "?q=section+230#p7"; u != want {
			t.Errorf("landed on %s, want %s", u, want)
		}
		// Page 7 is at the top of the window, not page 1.
		within(t, ctx, chromedp.Sleep(200*time.Millisecond))
		// Page 7 starts just under the cite bar that stays at the top.
		top := eval[[]float64](t, ctx, `[document.getElementById('p7').getBoundingClientRect().top, document.querySelector('.citebar').getBoundingClientRect().bottom]`)
		if top[0] < top[1]-2 || top[0] > top[1]+60 {
			t.Errorf("page 7 starts %.0f px from the top of the window, the cite bar ends at %.0f: want page 7 right under it", top[0], top[1])
		}
		if marks := eval[int](t, ctx, `document.querySelectorAll('#p7 mark').length`); marks == 0 {
			t.Error("no query words are marked on page 7")
		}

		within(t, ctx, chromedp.Click(chromedp.ID("cite-button")))
		within(t, ctx, chromedp.WaitVisible(chromedp.CSS(`#cite-status:not(:empty)`)))
		want := "G.G. v. Salesforce.com, Inc., No. 1:20-cv-02335, slip op. at 7 (N.D. Ill. May 16, 2022)"
		if got := eval[string](t, ctx, `document.getElementById('cite-text').textContent`); got != want {
			t.Errorf("cite shows %q, want %q", got, want)
		}
		env.screenshot(t, ctx, "document-p7.png")
		status := eval[string](t, ctx, `document.getElementById('cite-status').textContent`)
		clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		switch {
		case err == nil && clip != want:
			t.Errorf("clipboard holds %q, want %q", clip, want)
		case err != nil && strings.HasPrefix(status, "Copied"):
			t.Errorf("the page says %q but the clipboard cannot be read: %v", status, err)
		case err != nil:
			t.Logf("clipboard not readable in this browser (%v); the page says %q", err, status)
		}

		// j moves to the next page and the cite follows it.
		within(t, ctx, chromedp.KeyEvent("j"))
		if got := eval[string](t, ctx, `location.hash + ' ' + document.getElementById('cite-text').textContent`); !strings.HasPrefix(got, "#p8 ") || !strings.Contains(got, "slip op. at 8 ") {
			t.Errorf("after j: %q, want page 8 and its cite", got)
		}
	})

	t.Run("print", func(t *testing.T) {
		ctx := env.tab(t)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/documents/" + salesforceID + "?q=section+230", "/search?q=section+230"} {
			env.open(t, ctx, path)
			hidden := eval[[]string](t, ctx, `['.masthead', '.searchbar', '.facets', '.entities', '.citebar button', '.pager', '.footer', '.histogram']
			  .filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none')`)
			if len(hidden) > 0 {
				t.Errorf("%s prints %v, which are for the screen", path, hidden)
			}
			shown := eval[[]string](t, ctx, `['.doc-title', '.page p', '.cite-line', '.hit-title', '.snippet']
			  .filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display === 'none')`)
			if len(shown) > 0 {
				t.Errorf("%s does not print %v", path, shown)
			}
		}
		env.screenshot(t, ctx, "search-print.png")
	})

	t.Run("query error points at the character", func(t *testing.T) {
		ctx := env.tab(t)
		env.open(t, ctx, "/search?q="+url.QueryEscape(`section 230 (immunity`))
		got := eval[string](t, ctx, `document.querySelector('#q-error mark.at').textContent + '|' + document.getElementById('q').getAttribute('aria-invalid')`)
		if got != "(|true" {
			t.Errorf("error marker %q", got)
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		jsCtx := env.tab(t)
		env.open(t, jsCtx, "/search?q=section+230&court=ilnd&court=cand")
		withJS := eval[page](t, jsCtx, readPage)

		ctx := env.tab(t)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		env.open(t, ctx, "/search?q=section+230")
		if js := eval[bool](t, ctx, `document.documentElement.classList.contains('js')`); js {
			t.Fatal("the page script ran: JavaScript is not off")
		}
		// Tick two courts and press the Apply button: no script submits.
		within(t, ctx, chromedp.Click(chromedp.CSS(`input[name="court"][value="ilnd"]`)))
		within(t, ctx, chromedp.Click(chromedp.CSS(`input[name="court"][value="cand"]`)))
		follow(t, ctx, chromedp.Click(chromedp.CSS(`button.apply`)))
		noJS := eval[page](t, ctx, readPage)
		if noJS.Count != withJS.Count || !slices.Equal(noJS.Titles, withJS.Titles) || !slices.Equal(noJS.Ticked, withJS.Ticked) {
			t.Errorf("without JavaScript %+v, with %+v", noJS, withJS)
		}
		env.screenshot(t, ctx, "search-nojs.png")
		follow(t, ctx, chromedp.Click(chromedp.CSS(`a.chip`)))
		if one := eval[page](t, ctx, readPage); len(one.Chips) != 1 || one.Count != "1 document" {
			t.Errorf("removing a chip without JavaScript: %+v", one)
		}
	})

	t.Run("accessibility", func(t *testing.T) {
		axe, err := os.ReadFile(filepath.Join("testdata", "axe-core", "axe.min.js"))
		if err != nil {
			t.Fatal(err)
		}
		ctx := env.tab(t)
		for _, tc := range []struct {
			path  string
			width int64
		}{
			{"/search?q=section+230", 1280},
			{"/search?q=section+230&court=ilnd&statute=FOSTA", 360},
			{"/search?q=salesforce&court=cand", 1280},
			{"/search?q=" + url.QueryEscape(`"section 230`), 1280},
			{"/documents/" + salesforceID + "?q=section+230#p7", 1280},
			{"/documents/" + salesforceID, 360},
			{"/documents/nosuchdocument", 1280},
		} {
			within(t, ctx, chromedp.EmulateViewport(tc.width, 900))
			env.open(t, ctx, tc.path)
			within(t, ctx, chromedp.Evaluate[any](string(axe)))
			type violation struct {
				ID     string   `json:"id"`
				Impact string   `json:"impact"`
				Help   string   `json:"help"`
				Nodes  []string `json:"nodes"`
			}
			vs := within(t, ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ['violations'],
				runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
				.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
				  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
			for _, v := range vs {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s at %dpx: %s (%s): %s on %v", tc.path, tc.width, v.ID, v.Impact, v.Help, v.Nodes)
				} else {
					t.Logf("%s at %dpx: minor: %s (%s) on %v", tc.path, tc.width, v.ID, v.Impact, v.Nodes)
				}
			}
			// Readable at 360 px: nothing wider than the window.
			if over := eval[float64](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s at %dpx: the page is %.0f px wider than the window", tc.path, tc.width, over)
			}
			// Nothing comes from another origin.
			res := eval[[]string](t, ctx, `performance.getEntriesByType('resource').map(r => r.name)`)
			for _, r := range res {
				if !strings.HasPrefix(r, env.base) {
					t.Errorf("%s loads %s from another origin", tc.path, r)
				}
			}
			if tc.width == 360 {
				name := "search-360.png"
				if strings.HasPrefix(tc.path, "/documents/") {
					name = "document-360.png"
				}
				env.screenshot(t, ctx, name)
			}
		}
	})
}
