package search

import "lexsearch/indexer/entity"

// CourtName returns the short display name of a court id ("N.D. Ill." for
// "ilnd"), as hits carry it, for pages that show a document's court.
func CourtName(id string) string { return entity.CourtName(id) }
