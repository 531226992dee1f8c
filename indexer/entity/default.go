package entity

// Default returns every tagger of the package, in the order of the kinds:
// statutes, citations, courts, parties, judges, dockets, dates. Their
// patterns are compiled on first use and shared, so calling Default often
// is cheap.
func Default() Taggers {
	return Taggers{Statutes(), Citations(), Courts(), Parties(), Judges(), Dockets(), Dates()}
}
