// Package cputime reads the CPU time this process has used, for the
// benchmarks that report CPU per document: a measure of work that a busy
// machine does not inflate the way it inflates wall-clock time.
package cputime
