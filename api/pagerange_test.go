package api

import (
	"net/url"
	"testing"
)

// FuzzPageRange: any page or pages value is a range or a 400 naming the
// parameter, never a panic, and a range runs upwards.
func FuzzPageRange(f *testing.F) {
	for _, s := range [][2]string{{"7", ""}, {"", "3-5"}, {"", "5-3"}, {"", "-"}, {"x", "1-2"}, {"", " 2 - 4 "}, {"", "99999999999999999999-1"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, page, pages string) {
		q := url.Values{}
		if page != "" {
			q.Set("page", page)
		}
		if pages != "" {
			q.Set("pages", pages)
		}
		lo, hi, err := pageRange(q)
		if err == nil && lo > hi {
			t.Fatalf("page=%q pages=%q: range %d-%d runs backwards", page, pages, lo, hi)
		}
	})
}

// FuzzAcceptsGzip: any Accept-Encoding header is read without a panic;
// gzip with a zero quality is never taken as accepted.
func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "br, gzip;q=0.8", "gzip;q=0", "*", "identity", "gzip;q=", ";;,,", "GZIP ; q = 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		acceptsGzip(header)
		if acceptsGzip("gzip;q=0") || !acceptsGzip(header+", gzip") {
			t.Fatalf("%q: gzip accepted wrongly", header)
		}
	})
}
