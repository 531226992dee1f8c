package extract

import (
	"context"
	"strings"
	"testing"
)

func TestHTMLTitle(t *testing.T) {
	body := `<body><article><p>The court held that the platform was not immune, and the claims under the statute go on.</p></article></body>`
	tests := []struct {
		name, head, h1, want string
	}{
		{"h1 agreeing with the title", `<title>Court Revives Suit Against Platform | Daily News</title>`, `Court Revives Suit Against Platform`, "Court Revives Suit Against Platform"},
		{"site name first", `<title>Daily News - Court revives suit against platform over ads</title>`, ``, "Court revives suit against platform over ads"},
		{"og:title over title", `<title>Home | Site</title><meta property="og:title" content="Judge Rules on FOSTA Claims">`, ``, "Judge Rules on FOSTA Claims"},
		{"og:site_name dropped", `<title>FOSTA at five: a review — Lawfare</title><meta property="og:site_name" content="Lawfare">`, ``, "FOSTA at five: a review"},
		{"entities unescaped", `<title>Doe &amp;amp; Roe v. Backpage &#8211; Opinion Analysis | Blog</title>`, ``, "Doe & Roe v. Backpage – Opinion Analysis"},
		{"markup in a title is stripped", `<title><script>alert(1)</script>Safe Headline About Section 230</title>`, ``, "alert(1) Safe Headline About Section 230"},
		{"markup in og:title is stripped", `<meta property="og:title" content="<b>Bold</b> claim <img src=x onerror=alert(1)>">`, ``, "Bold claim"},
		{"h1 alone", ``, `The Headline`, "The Headline"},
		{"short title kept whole", `<title>Notes - Part 2</title>`, ``, "Notes - Part 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head>" + tt.head + "</head>"
			if tt.h1 != "" {
				page += "<body><header><h1>" + tt.h1 + "</h1></header>" + strings.TrimPrefix(body, "<body>")
			} else {
				page += body
			}
			res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if res.Meta.Title != tt.want {
				t.Errorf("title = %q, want %q", res.Meta.Title, tt.want)
			}
			if strings.ContainsAny(res.Meta.Title, "<>") {
				t.Errorf("markup left in title %q", res.Meta.Title)
			}
		})
	}
}
