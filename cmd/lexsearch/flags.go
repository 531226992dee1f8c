package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"lexsearch/indexer/extract"
)

// newFlags returns a flag set for a subcommand that reports to stderr.
func newFlags(name, args string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: lexsearch %s [flags] %s\n\nFlags (each also read from LEXSEARCH_<FLAG>, e.g. %s; flags win):\n",
			name, args, envName("data"))
		fs.PrintDefaults()
	}
	return fs
}

// envName is the environment variable a flag reads: -data reads
// LEXSEARCH_DATA, -pdf-engine LEXSEARCH_PDF_ENGINE.
func envName(flagName string) string {
	return "LEXSEARCH_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// dataFlag adds the -data flag every index-using subcommand has.
func dataFlag(fs *flag.FlagSet) *string {
	return fs.String("data", "./data", "data directory: the index, originals and extracted text")
}

// parse parses flags that may come before, between or after the
// positional arguments (`search 'a b' -court ilnd`), and returns the
// positional ones. Every flag not given on the command line then takes the
// value of its environment variable (envName), if set: flags win.
func parse(fs *flag.FlagSet, e env, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		v := e.getenv(envName(f.Name))
		if given[f.Name] || v == "" || err != nil {
			return
		}
		if serr := fs.Set(f.Name, v); serr != nil {
			err = usagef("%s: %s=%q: %v", fs.Name(), envName(f.Name), v, serr)
		}
	})
	return pos, err
}

// multiFlag is a flag that may be repeated: -court ilnd -court cand.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

func (m *multiFlag) Set(v string) error {
	*m = append(*m, v)
	return nil
}

// newLogger returns the logger subcommands log with: text to stderr, or
// JSON lines when LEXSEARCH_LOG_FORMAT=json.
func newLogger(e env, w io.Writer) *slog.Logger {
	logger, _ := newLoggerAt(e, w, "info")
	return logger
}

// logLevelFlag adds -log-level.
func logLevelFlag(fs *flag.FlagSet) *string {
	return fs.String("log-level", "info", "debug, info, warn or error; debug adds query strings, which info never logs")
}

// newLoggerAt is newLogger at the given level.
func newLoggerAt(e env, w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usagef("-log-level %q: use debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	if e.getenv("LEXSEARCH_LOG_FORMAT") == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// pdfFlags adds -pdf-engine and -ocr, which choose how PDFs are read.
func pdfFlags(fs *flag.FlagSet) (engine, ocr *string) {
	engine = fs.String("pdf-engine", extract.EngineGo, "who reads PDF text: go (built in) or poppler (pdftotext, when installed)")
	ocr = fs.String("ocr", extract.OCRAuto, "OCR scanned PDFs with pdftoppm and tesseract: auto (when a PDF has no text and the tools are installed), always or never")
	return engine, ocr
}

// checkPDFFlags rejects values of -pdf-engine and -ocr that extract would
// refuse for every PDF, before any work is done.
func checkPDFFlags(engine, ocr string) error {
	if engine != extract.EngineGo && engine != extract.EnginePoppler {
		return usagef("-pdf-engine %q: use go or poppler", engine)
	}
	if ocr != extract.OCRAuto && ocr != extract.OCRAlways && ocr != extract.OCRNever {
		return usagef("-ocr %q: use auto, always or never", ocr)
	}
	return nil
}
