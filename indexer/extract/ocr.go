package extract

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ocrDPI is the resolution pages are rendered at for OCR: tesseract reads
// body text best at 300 dpi, and higher costs time for no gain.
const ocrDPI = 300

// ocrTools are the programs OCR needs, with the Debian package of each.
var ocrTools = [...]struct{ name, pkg string }{
	{"pdftoppm", "poppler-utils"},
	{"tesseract", "tesseract-ocr"},
}

// missingOCRTools names the OCR programs that are not on PATH, or "".
func missingOCRTools() string {
	var missing []string
	for _, t := range ocrTools {
		if _, err := exec.LookPath(t.name); err != nil {
			missing = append(missing, t.name)
		}
	}
	return strings.Join(missing, " and ")
}

// ocrResult renders each page of a PDF to PNG with pdftoppm and reads it
// with tesseract, page by page, checking ctx between pages. The images
// live in a temporary directory removed before returning.
func ocrResult(ctx context.Context, data []byte) (*Result, error) {
	if missing := missingOCRTools(); missing != "" {
		return nil, fmt.Errorf("%w: OCR needs %s: install tesseract-ocr and poppler-utils", ErrUnsupported, missing)
	}
	data, err := repairPDF(data)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lexsearch-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	if _, err := runTool(ctx, "pdftoppm", "-r", strconv.Itoa(ocrDPI), "-png", in, filepath.Join(dir, "page")); err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	images, err := pageImages(dir)
	if err != nil {
		return nil, err
	}
	texts := make([]string, 0, len(images))
	for _, img := range images {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out, err := runTool(ctx, "tesseract", img, "-")
		if err != nil {
			return nil, fmt.Errorf("ocr: %w", err)
		}
		texts = append(texts, string(out))
	}
	res, err := cleanPDFText(texts)
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	if res.Meta.Extra == nil {
		res.Meta.Extra = map[string]string{}
	}
	res.Meta.Extra["ocr"] = "tesseract"
	return res, nil
}

// pageImages lists the page images pdftoppm wrote ("page-1.png" or
// "page-01.png", padded to the page count) in page order.
func pageImages(dir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		return nil, err
	}
	num := func(p string) int {
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "page-"), ".png"))
		return n
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(num(a), num(b)) })
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: pdftoppm rendered no pages", ErrMalformed)
	}
	return names, nil
}
