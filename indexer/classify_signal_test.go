package indexer

import (
	"regexp/syntax"
	"strings"
	"testing"
)

var signalSamples = []string{
	"",
	"ORDER",
	"  Order :  \nThe motion is granted.",
	"ORDER\n:\nbody",
	"ORDERS\nbody",
	"Order of the day",
	"MEMORANDUM OPINION*\n",
	"ORDER AND JUDGEMENT.",
	"Per Curiam.\nWe AFFIRM the judgment.",
	"The judgment is hereby Affirmed in part.",
	"BEFORE: Smith, Circuit Judges",
	"CERTIORARI TO THE UNITED STATES COURT OF APPEALS",
	"Base de données Jurisprudence\nRÉSUMÉ DES FAITS",
	"CASE BRIEF: Doe v. Roe",
	"Plaintiffs, v.\nACME, Defendants.",
	"UNITED STATES DISTRICT COURT\nfor the district",
	"White Paper\nTable of Contents\nExecutive Summary",
	"Acknowledgments\nAcknowledgements",
	"ACKNOWLEDGMENTS and nothing else",
	"Glossary glossary GLOSSARY",
	"Key findings: methodology",
	"ſummary of facts", // the long s folds to s
	"Kelvin: \u212a",
	"We affirmed. we affirm_ xwe deny",
	"rewe affirm",
	"is hereby vacated.",
	"by the court:x",
	"Syllabus2",
	"ÉCLAIRÉ order",
	"\fintroduction\r\n",
	"order\t*\t",
	"order * *",
	"Per Curiamx",
	"xper curiam",
	"_before: a",
	"SUPREME COURT OF THE UNITED STATESMAN",
	"Commentaire / Faits marquants",
	"Subject: headnotes",
	"Policy Brieforeword\nGlossary",       // the match of "policy brief" hides "foreword"
	"annual reportable of contents",       // ... and "annual report" "table of contents"
	"policy brief foreword",               // two kinds
	"ACKNOWLEDGEMENTS; acknowledgments",   // two spellings count as two
	"executive summary executive summary", // one kind twice
	"white\npaper, key\tfindings, methodologies",
	"gglossary xforewordx tableof contents",
	"é white paper ü glossary",
	"\xffwhite paper\xfeglossary",
	"jurisprudence",
	"Base de donnÉes JURISPRUDENCE",
	"base de donnees jurisprudence",
	"xbase de données jurisprudencex",
	"base de donnes jurisprudence",
	"base  de données jurisprudence",
	"RÉSUMÉ DES FAITS",
	"resumé des faits",
	"résume des faits\njurisprudence",
	"Ré sumé des faits",
	"the showcase summary",
	"xheadnotes",
	"des faits des faits résumé",
	"\xc3résumé des faits",
	"OPINION\u212a", "\u017fyllabus\nORDER", "  Order Of The Court :\n", "ORDERx", "JUDGMENT\t.\t\n", "order\v", "\tOPINION * x",
}

// TestSignalTails: an expression whose signal has a tail has no empty-width
// assertion (\b, ^, $), which matchTails relies on to run it on a
// stretch of the head alone.
func TestSignalTails(t *testing.T) {
	for name, sig := range map[string]signal{"opinion": opinionSignal, "caption": captionSignal, "summary": summarySignal} {
		if sig.tail == 0 {
			continue
		}
		re, err := syntax.Parse(sig.re().String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range prog.Inst {
			if in.Op == syntax.InstEmptyWidth {
				t.Errorf("%s: the expression has an empty-width assertion, so it cannot run on a stretch of the head", name)
			}
		}
	}
	if summarySignal.tail == 0 {
		t.Error("the summary signal has no tail")
	}
}

// TestReportKinds: reportKinds counts the different matches of
// reportSignals as distinct over FindAllString does.
func TestReportKinds(t *testing.T) {
	for _, c := range []struct {
		head string
		want int
	}{
		{"", 0},
		{"White Paper", 1},
		{"white paper and WHITE PAPER", 1},
		{"Table of Contents\nExecutive Summary\nMethodology", 3},
		{"Acknowledgments and Acknowledgements", 2},
		{"policy brieforeword", 1},
		{"policy brief oreword foreword", 2},
		{"annual reportable of contents", 1},
		{"whitepaper; key-findings", 0},
		{"foreworded glossaryx", 2},
	} {
		if got := reportKinds(lowered(c.head), len(reportSpellings)); got != c.want {
			t.Errorf("reportKinds(%q) = %d, want %d", c.head, got, c.want)
		}
		if got := distinct(reportSignals().FindAllString(c.head, -1)); got != c.want {
			t.Errorf("the expression finds %d kinds in %q, the table says %d", got, c.head, c.want)
		}
	}
}

// TestSurePhrases: each of a signal's sure phrases is a match of its
// expression, at the start of a text and after a space, in any case.
func TestSurePhrases(t *testing.T) {
	for name, sig := range map[string]signal{"opinion": opinionSignal, "caption": captionSignal, "summary": summarySignal} {
		if len(sig.sure) == 0 {
			t.Errorf("%s: no sure phrases", name)
		}
		for _, p := range sig.sure {
			for _, text := range []string{p, "see " + strings.ToUpper(p) + "x"} {
				if !sig.re().MatchString(text) {
					t.Errorf("%s: sure phrase %q, but the expression does not match %q", name, p, text)
				}
			}
		}
	}
}

// TestSignalsAgreeWithRegexps: the word prefilters and the hand-written
// title lines decide as the plain expressions do.
func TestSignalsAgreeWithRegexps(t *testing.T) {
	for _, s := range signalSamples {
		checkSignals(t, s)
	}
}

func FuzzSignals(f *testing.F) {
	for _, s := range signalSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSignals(t, s)
	})
}

func checkSignals(t *testing.T, head string) {
	t.Helper()
	low := lowered(head)
	var hp headPhrases
	if low != "" {
		hp = phrases().scan(low)
		checkPhrases(t, low, hp)
	}
	if got, want := decided(head, func() headPhrases { return hp }), decisionSignals().MatchString(head); got != want {
		t.Errorf("decision %q: %v, want %v", head, got, want)
	}
	for name, sig := range map[string]signal{"opinion": opinionSignal, "caption": captionSignal, "summary": summarySignal} {
		if got, want := sig.match(head, low, hp), sig.re().MatchString(head); got != want {
			t.Errorf("%s %q: %v, want %v", name, head, got, want)
		}
	}
	kinds := distinct(reportSignals().FindAllString(head, -1))
	if got, want := reportLike(head, low, hp), kinds >= 2; got != want {
		t.Errorf("report %q: %v, want %v", head, got, want)
	}
	if low != "" {
		if got := reportKinds(low, len(reportSpellings)); got != kinds {
			t.Errorf("reportKinds(%q) = %d, want %d", low, got, kinds)
		}
		if got, want := reportKinds(low, 2), min(kinds, 2); got != want {
			t.Errorf("reportKinds(%q, 2) = %d, want %d", low, got, want)
		}
	}
}
