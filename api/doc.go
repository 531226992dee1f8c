// Package api is lexsearch's HTTP interface: NewServer returns an
// http.Handler with every route of the contract in ../DESIGN.md (routes.go
// lists them on one screen), wrapped in request-id, logging and
// panic-recovery middleware. Errors are application/problem+json (RFC 9457)
// with a sentence a person can act on.
//
// gorilla/mux appears only in routes.go and in pathVar.
package api
