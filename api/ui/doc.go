// Package ui renders the HTML pages of lexsearch for people using a
// browser: the search page and the document page. It is server-side
// html/template with a stylesheet and one small script embedded in the
// binary; every page works with JavaScript off, and the script only makes
// it quicker (facets apply at once, keyboard shortcuts, copying a cite).
//
// The pages use the API's own URLs and parameters (/search?q=...&court=...,
// /documents/{id}); package api decides per request whether a browser gets
// a page from here or a program gets JSON.
package ui
