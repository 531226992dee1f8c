package extract

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// A blog post in the shape common CMS themes give it: masthead and menu,
// the post, a share bar, related posts, a comment list and a comment
// form, a sidebar, a cookie banner and a footer. Only the post remains,
// with its headings, list, quote and table.
func TestArticleDropsPageFurniture(t *testing.T) {
	page := `<html><head><title>Section 230 after FOSTA | A Law Blog</title></head><body>
<div id="cookie-notice">We use cookies to improve your experience. Accept</div>
<div class="site-header"><a href="/">A Law Blog</a><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li><li><a href="/topics">Topics</a></li></ul></div>
<div id="page" class="wrap">
 <div id="primary">
  <div class="post-12 post type-post">
   <h1 class="entry-title">Section 230 after FOSTA</h1>
   <div class="entry-meta">Posted on <a href="/2018/04">April 11, 2018</a> by <a href="/author/x">admin</a></div>
   <div class="entry-content">
    <p>Congress passed FOSTA in 2018, amending Section 230 of the Communications Decency Act so that sex-trafficking claims are no longer barred.</p>
    <h2>What changed</h2>
    <p>The act adds an exception for civil claims under 18 U.S.C. § 1595, where the underlying conduct violates section 1591, and for certain state prosecutions.</p>
    <ul><li>Civil claims by victims, under section 1595.</li><li>State criminal charges, mirroring section 1591.</li></ul>
    <blockquote><p>Nothing in this section shall be construed to impair or limit any claim in a civil action.</p></blockquote>
    <table><tr><th>Case</th><th>Year</th></tr><tr><td>Doe v. Backpage</td><td>2016</td></tr><tr><td>J.B. v. G6 Hospitality</td><td>2020</td></tr></table>
    <p>Courts have since divided on how far the exception reaches, and on whether a platform must itself have violated section 1591.</p>
   </div>
   <div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li><li><a href="#">Email</a></li></ul></div>
   <div class="jp-relatedposts"><h3>Related</h3><a href="/a">The SESTA debate, explained in full for readers</a> <a href="/b">Backpage seized by the FBI, and what comes next</a></div>
  </div>
  <div id="comments" class="comments-area">
   <h2>3 thoughts on “Section 230 after FOSTA”</h2>
   <ol class="comment-list"><li class="comment"><p>Great post, thanks for writing it up so clearly, I shared it with my class.</p></li><li class="comment"><p>I disagree with the second point, the exception is narrower than you say.</p></li></ol>
   <div id="respond"><h3>Leave a Reply</h3><form><p>You are commenting using your Twitter account.</p><textarea></textarea><input type="submit" value="Post Comment"></form></div>
  </div>
 </div>
 <div id="secondary" class="widget-area"><div class="widget"><h3>Subscribe to Blog via Email</h3><form><input type="email"><button>Subscribe</button></form></div><div class="widget"><h3>Recent Posts</h3><ul><li><a href="/1">One post</a></li><li><a href="/2">Another post</a></li></ul></div></div>
</div>
<div class="site-footer">© 2018 A Law Blog. Proudly powered by WordPress.</div>
</body></html>`
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	for _, want := range []string{
		"Congress passed FOSTA in 2018",
		"What changed",
		"Civil claims by victims, under section 1595.",
		"Nothing in this section shall be construed",
		"Doe v. Backpage 2016",
		"whether a platform must itself have violated section 1591.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("article text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"cookies", "Home", "Share this", "Twitter", "Related", "SESTA debate", "thoughts on", "Great post", "Leave a Reply", "Subscribe", "Recent Posts", "WordPress"} {
		if strings.Contains(text, bad) {
			t.Errorf("page furniture %q kept:\n%s", bad, text)
		}
	}
	if res.Meta.Title != "Section 230 after FOSTA" {
		t.Errorf("title %q", res.Meta.Title)
	}
	// The article's headings are its sections; the furniture's are not.
	if got := titles(res.Sections); !slices.Contains(got, "What changed") || slices.ContainsFunc(got, func(s string) bool {
		return strings.Contains(s, "Share") || strings.Contains(s, "Reply") || strings.Contains(s, "Related") || strings.Contains(s, "Recent")
	}) {
		t.Errorf("sections %q", got)
	}
	checkSections(t, res)
}

// A news story whose lead paragraphs sit beside a "read more" block is
// read whole, and a page of little text is indexed with what it has.
func TestArticleSplitBodyAndShortPage(t *testing.T) {
	page := `<body><nav><a href="/">News</a> <a href="/world">World</a></nav><section class="story">
<div class="lead"><p>A federal judge on Monday allowed a trafficking survivor's suit against the platform to go forward, rejecting its immunity defense.</p></div>
<div class="read-all"><p>The judge found that the complaint plausibly alleged the platform benefited from a venture it knew, or should have known, engaged in trafficking.</p>
<p>The company said it would appeal, arguing that the ruling conflicts with decisions of other courts in the circuit.</p>
<p>Lawyers for the survivor said the decision was the first of its kind, and that discovery would begin next month.</p></div>
</section><div class="trending"><a href="/x">Ten things to know today about the markets and the weather</a></div></body>`
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	if !strings.Contains(text, "A federal judge on Monday") || !strings.Contains(text, "discovery would begin next month") {
		t.Errorf("story not read whole:\n%s", text)
	}
	if strings.Contains(text, "Ten things") || strings.Contains(text, "World") {
		t.Errorf("furniture kept:\n%s", text)
	}
	short, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(`<body><div class="menu"><a href="/">Home</a></div><p>Under construction.</p></body>`))
	if err != nil {
		t.Fatal(err)
	}
	if got := short.Text(); got != "Under construction." {
		t.Errorf("short page text %q", got)
	}
}

// A long report in many <section>s, one much longer than the others, is
// read whole, with every section's heading.
func TestArticleManySections(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><nav><a href="/">Home</a> <a href="/reports">Reports</a></nav><main><h1>Online Exploitation Report</h1>`)
	parts := []struct{ head, para string }{
		{"Summary", "This report reviews, in brief, how traffickers use online platforms."},
		{"Findings", strings.Repeat("Platforms were used to advertise victims, to recruit them, and to take payment, in every region studied. ", 12)},
		{"Law", "Section 230 was amended by FOSTA in 2018, and courts have since read the exception narrowly."},
		{"Recommendations", "States should share evidence, and platforms should report, as the law requires."},
	}
	for _, p := range parts {
		b.WriteString(`<section class="block"><h2>` + p.head + `</h2><p>` + p.para + `</p></section>`)
	}
	b.WriteString(`</main><footer>© NGO</footer></body></html>`)
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	for _, p := range parts {
		if !strings.Contains(text, p.head) || !strings.Contains(text, strings.TrimSpace(p.para[:40])) {
			t.Errorf("section %q missing from:\n%s", p.head, text)
		}
	}
	if got := titles(res.Sections); !slices.Contains(got, "Summary") || !slices.Contains(got, "Recommendations") {
		t.Errorf("sections %q", got)
	}
}

// Comments without class names are cut at their header, which names the
// post.
func TestArticleUnmarkedComments(t *testing.T) {
	page := `<html><head><title>Section 230 after FOSTA | Blog</title></head><body><div>
<h1>Section 230 after FOSTA</h1>
<p>Congress passed FOSTA in 2018, amending Section 230 so that sex-trafficking claims are no longer barred.</p>
<p>Courts have since divided on how far the exception reaches, and on what a platform must know.</p>
<h2>2 thoughts on “Section 230 after FOSTA”</h2>
<p>Great post, and thanks for writing it up so clearly; I shared it with my class on Twitter.</p>
<p>I disagree with the second point, since the exception is narrower than you say, in my view.</p>
</div></body></html>`
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	if !strings.Contains(text, "what a platform must know.") || strings.Contains(text, "thoughts on") || strings.Contains(text, "Twitter") {
		t.Errorf("text:\n%s", text)
	}
}

// Taxonomy classes on a post ("tag-fosta", "category-news") label it;
// they do not make it furniture.
func TestArticleTaxonomyClasses(t *testing.T) {
	para := "<p>Congress passed FOSTA in 2018, amending Section 230 so that sex-trafficking claims are no longer barred, as the courts have since held.</p>"
	page := `<html><body><main><div class="intro"><p>Filed under news, with a short note from the editors about this week.</p></div>` +
		`<article class="post-7 post type-post tag-fosta tag-meta category-news"><header class="entry-header"><h1>FOSTA</h1></header>` +
		strings.Repeat(para, 4) + `</article><div class="comments"><p>First comment, and a long one, about the law and what it means for us all.</p></div></main></body></html>`
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if text := res.Text(); strings.Count(text, "Congress passed FOSTA") != 4 || strings.Contains(text, "First comment") {
		t.Errorf("text:\n%s", text)
	}
}

// A PACER report with its header tables but no entries (a docket with
// nothing filed yet, a query result) keeps every header line: the court
// and the case number.
func TestPACERReportWithoutEntries(t *testing.T) {
	res, err := HTML(Options{}).Extract(context.Background(), strings.NewReader(readTestdata(t, "dockets/district/cand_4.html")))
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text()
	for _, want := range []string{"California Northern District (San Francisco)", "CRIMINAL DOCKET FOR CASE #: 3:09-cr-00418-JSW-1"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}
