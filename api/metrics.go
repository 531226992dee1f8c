package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is what /metrics reports, in the Prometheus text format. The
// server counts requests, latencies, 429s and the documents written
// through POST /documents; the program that runs the indexer may report
// its own commits and skips through ObserveCommit and CountSkip, so a
// local ingest and a live one show in the same series.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	rejected prometheus.Counter
	// writesRejected counts uploads and deletes answered 429.
	writesRejected prometheus.Counter
	indexed        *prometheus.CounterVec
	skipped        *prometheus.CounterVec
	ingest         prometheus.Histogram
	commit         prometheus.Histogram
}

// NewMetrics returns a fresh set of metrics with the Go runtime and
// process collectors (memory, goroutines, open files) beside ours.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lexsearch_http_requests_total",
			Help: "HTTP requests by route template, method and status code.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "lexsearch_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"route"}),
		rejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "lexsearch_searches_rejected_total",
			Help: "Searches answered 429 because every search slot and queue place was taken.",
		}),
		writesRejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "lexsearch_writes_rejected_total",
			Help: "Uploads and deletes answered 429 because every write slot and queue place was taken.",
		}),
		indexed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lexsearch_documents_indexed_total",
			Help: "Documents written, by outcome: created, replaced, unchanged, deleted.",
		}, []string{"status"}),
		skipped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lexsearch_documents_skipped_total",
			Help: "Files not indexed, by reason.",
		}, []string{"reason"}),
		ingest: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "lexsearch_ingest_duration_seconds",
			Help:    "Time to extract, tag, index and commit one uploaded file.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14),
		}),
		commit: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "lexsearch_commit_duration_seconds",
			Help:    "Time to make a batch of writes durable and searchable.",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 16),
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.rejected, m.writesRejected, m.indexed, m.skipped, m.ingest, m.commit,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveCommit records the duration of one commit of the index.
func (m *Metrics) ObserveCommit(d time.Duration) { m.commit.Observe(d.Seconds()) }

// CountSkip records one file not indexed, with its reason ("unreadable",
// "not-a-regular-file", "no-text", ...).
func (m *Metrics) CountSkip(reason string) { m.skipped.WithLabelValues(reason).Inc() }

// CountIndexed records one document written with the given status.
func (m *Metrics) CountIndexed(status string) { m.indexed.WithLabelValues(status).Inc() }

// watchIndex adds gauges read from the index at each scrape. A second
// server on the same Metrics (tests) keeps the first one's gauges.
func (m *Metrics) watchIndex(idx Index, size func() int64) {
	docs := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "lexsearch_index_documents",
		Help: "Documents in the index.",
	}, func() float64 {
		n, err := idx.Count()
		if err != nil {
			return -1
		}
		return float64(n)
	})
	_ = m.reg.Register(docs)
	if size != nil {
		_ = m.reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "lexsearch_index_size_bytes",
			Help: "Bytes the index takes on disk.",
		}, func() float64 { return float64(size()) }))
	}
}

func (m *Metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// observe records one answered request.
func (m *Metrics) observe(route, method string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}
