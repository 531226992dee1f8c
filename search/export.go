package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"lexsearch/corpus"
)

// exportBatch is how many hits Each fetches at a time: large enough to
// keep round trips few, small enough that memory stays flat however many
// documents match.
const exportBatch = 500

// exportPassageBatch is the batch when each hit's text is read for its
// passages: the bodies of a batch are held at once, and one exhibit can
// run to thousands of pages.
const exportPassageBatch = 50

// Each calls fn with every hit of req, in req's sort order, without
// snippets unless req.Passages, fetching them in batches by cursor: an export of the whole
// result set, not capped at a page. It returns the total number of hits
// before fn is first called (through onTotal, when not nil).
func (ix *Index) Each(ctx context.Context, req Request, onTotal func(uint64), fn func(Hit) error) error {
	req.Size, req.Page, req.Cursor = 1, 1, ""
	req, err := req.normalize()
	if err != nil {
		return err
	}
	p, err := ix.plan(ctx, req)
	if err != nil {
		return err
	}
	batch := exportBatch
	if req.Passages {
		batch = exportPassageBatch
	}
	var after []string
	for first := true; ; first = false {
		sr := bleve.NewSearchRequestOptions(ix.counted(p, nil, false), batch, 0, false)
		sr.Fields = []string{corpus.FieldMeta}
		sr.SortByCustom(sortOrder(req.Sort))
		if after != nil {
			sr.SetSearchAfter(after)
		}
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return fmt.Errorf("search: export: %w", err)
		}
		if first && onTotal != nil {
			onTotal(res.Total)
		}
		var texts map[string]*bsearch.DocumentMatch
		if req.Passages {
			if texts, err = ix.texts(ctx, p, res.Hits); err != nil {
				return err
			}
		}
		for _, dm := range res.Hits {
			var text *bsearch.DocumentMatch
			if req.Passages {
				if text = texts[dm.ID]; text == nil {
					continue // deleted since the search found it
				}
			}
			h, err := hit(dm, text)
			if err != nil {
				return err
			}
			if err := fn(h); err != nil {
				return err
			}
		}
		if len(res.Hits) < batch {
			return nil
		}
		after = afterOf(res.Hits[len(res.Hits)-1])
	}
}
