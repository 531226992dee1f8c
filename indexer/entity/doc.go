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
// cannot disagree. For a value they reject, SuggestStatute and SuggestCourt
// name the closest known values; Aliases lists the other spellings of a
// value and Linked the statutes an act goes with (FOSTA, Pub. L. 115-164,
// H.R. 1865).
//
// Patterns are compiled once per process, on first use. Because Go's
// regexp engine tries every position of its input, the costly patterns are
// run only in windows around cheap literal hits (see guide.go), and case
// citations are found by looking reporter abbreviations up in a trie at
// word starts (see reporter_table.go); tagging a megabyte of opinion takes
// a fraction of a second.
//
// The reference tables are generated (go generate) from Free Law Project's
// BSD-2-Clause data, copied into testdata/data: courts.json (the federal
// courts the taggers match in running text) by internal/gencourts, and
// courtnames.json (every court of courts-db with its name patterns),
// reporters.json (every reporter edition of reporters-db with its variant
// spellings, citation forms, years of publication and states) and
// statecodes.json (the state codes of laws.json and how each is cited) by
// internal/gentables. The few federal statute forms of laws.json are
// patterns in statute.go, checked against laws.json's examples by a test. The licences are in LICENSE.courts-db
// and LICENSE.reporters-db.
package entity
