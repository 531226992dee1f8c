// Package entity finds legal entities in plain text: statutes and named
// acts, cited cases, courts, parties, judges, docket numbers and dates.
//
// Taggers are pure functions of their input: no I/O, no global mutable
// state, safe for concurrent use. Offsets in a Mention are byte offsets into
// the input. Normalised values (Mention.Norm) are the strings stored in facet
// fields, so changing a normaliser changes facet counts: update the goldens
// (go test ./indexer/entity -update) and review the diff.
//
// The Normalize* functions (NormalizeStatute, NormalizeCourt,
// NormalizeDocket) map filter values typed by a user to the same norms,
// using the taggers' own tables and patterns, so that a filter and a facet
// cannot disagree.
//
// Patterns are compiled once per process, on first use. Because Go's
// regexp engine tries every position of its input, the costly patterns are
// run only in windows around cheap literal hits (see guide.go); tagging a
// megabyte of opinion takes a fraction of a second.
//
// The federal court table (courts.json) is generated from Free Law
// Project's courts-db by internal/gencourts (go generate); its BSD-2-Clause
// licence is in LICENSE.courts-db.
package entity
