package entity_test

import (
	"fmt"

	"lexsearch/indexer/entity"
)

func ExampleStatutes() {
	text := "Plaintiffs sue under 18 U.S.C. §§ 1591(a)(2) and 1595(a); Salesforce invokes § 230 of the CDA."
	for _, m := range entity.Statutes().Tag(text) {
		fmt.Printf("%q -> %s\n", m.Text, m.Norm)
	}
	// Output:
	// "18 U.S.C. §§ 1591(a)(2)" -> 18 U.S.C. § 1591
	// "1595(a)" -> 18 U.S.C. § 1595
	// "§ 230" -> 47 U.S.C. § 230
	// "CDA" -> Communications Decency Act
}

func ExampleNormalizeCourt() {
	for _, s := range []string{"n.d. ill", "Northern District of Illinois", "cand"} {
		id, ok := entity.NormalizeCourt(s)
		fmt.Println(id, entity.CourtName(id), ok)
	}
	// Output:
	// ilnd N.D. Ill. true
	// ilnd N.D. Ill. true
	// cand N.D. Cal. true
}

func ExampleCitations() {
	text := "See Doe v. GTE Corp., 347 F.3d 655, 657 (7th Cir. 2003). Id. at 659."
	for _, m := range entity.Citations().Tag(text) {
		c := m.Cite
		fmt.Printf("%q -> %s (%s, %s %d, pin %s, short %v)\n", m.Text, m.Norm, c.CaseName, c.Court, c.Year, c.Pin, c.Short)
	}
	// Output:
	// "347 F.3d 655" -> 347 F.3d 655 (Doe v. GTE Corp., ca7 2003, pin 657, short false)
	// "Id. at 659" -> 347 F.3d 655 (Doe v. GTE Corp.,  0, pin 659, short true)
}

func ExampleLinked() {
	fmt.Println(entity.Linked("FOSTA")[:3])
	fmt.Println(entity.SuggestCourt("Northern District of Ilinois", 1))
	// Output:
	// [Pub. L. 115-164 H.R. 1865 132 Stat. 1253]
	// [ilnd (N.D. Ill.)]
}
