// Package search is the read side of lexsearch: it turns a Request (a user
// query in our own syntax plus typed filters) into a bleve search, and the
// bleve result into a Result with hits, snippets that carry their page, and
// facet counts.
//
// User queries never reach bleve's query-string syntax: Parse turns them
// into our AST, and query.go builds typed bleve queries from it, so a user
// cannot run regexps or wildcards over arbitrary fields. Filter values are
// normalised with the same tables the taggers use (package entity), so
// statute=FOSTA, court=N.D. Ill. and court=ilnd mean what the facets show.
//
// An Index is safe for concurrent use.
package search
