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
