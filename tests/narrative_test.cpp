// Sentences from numbers: each template against rises, falls, no change, streaks, records,
// missing quarters and suppressed values. Expected sentences are written out in full.
#include <gtest/gtest.h>

#include "narrative/headline.hpp"

namespace careboard {
namespace {

std::vector<Quarter> quarters(std::size_t n) {
    std::vector<Quarter> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(Quarter{2022, 1}.minus(-static_cast<int>(i)));
    return out;
}

SeriesInput counts(std::vector<std::optional<double>> values, std::vector<char> symbols = {}) {
    SeriesInput s;
    s.subject = "Children in care";
    s.quarters = quarters(values.size());
    s.values = std::move(values);
    s.symbols = std::move(symbols);
    return s;
}

TEST(Headline, ARiseAfterAFallIsAPlainRiseWithTheFigureBefore) {
    EXPECT_EQ(headline(counts({500, 510, 505, 508})), "Children in care rose to 508, from 505 in 2022-23 Q3");
}

TEST(Headline, AFallIsAFall) {
    EXPECT_EQ(headline(counts({500, 480, 490, 485})), "Children in care fell to 485, from 490 in 2022-23 Q3");
}

TEST(Headline, EqualFiguresAreNoChange) {
    EXPECT_EQ(headline(counts({500, 480, 490, 490})), "No change in children in care (490)");
}

TEST(Headline, StreaksAreCountedUpToTheLatestQuarter) {
    // 500 -> 490 (fall), then three rises; the latest is not the highest (520 earlier).
    EXPECT_EQ(headline(counts({520, 500, 490, 495, 498, 512})), "Children in care rose for the third quarter in a row, to 512");
    EXPECT_EQ(headline(counts({400, 380, 390, 385, 380})), "Children in care fell for the second quarter in a row, to 380");
}

TEST(Headline, RecordsNeedEveryQuarterAndAStrictlyHigherOrLowerFigure) {
    EXPECT_EQ(headline(counts({500, 501, 499, 498, 502, 503, 504, 505, 506, 507, 508, 530})),
              "Children in care rose to the highest in three years (530)");
    EXPECT_EQ(headline(counts({500, 501, 499, 498, 502, 503, 504, 505, 506, 507, 508, 470})),
              "Children in care fell to the lowest in three years (470)");
    // Equal to an earlier high: not a record; a plain rise.
    EXPECT_EQ(headline(counts({530, 501, 499, 520})), "Children in care rose to 520, from 499 in 2022-23 Q3");
}

TEST(Headline, AMissingQuarterEndsAStreakAndForbidsARecord) {
    // 420 -> 430 is a rise; before 420 there is no figure, so no streak is claimed.
    EXPECT_EQ(headline(counts({400, 410, std::nullopt, 420, 430})), "Children in care rose to 430, from 420 in 2022-23 Q4");
    EXPECT_EQ(headline(counts({400, std::nullopt, 410, 420})), "Children in care rose to 420, from 410 in 2022-23 Q3");
    EXPECT_EQ(headline(counts({400, std::nullopt, 410, 420, 430})), "Children in care rose for the second quarter in a row, to 430");
    EXPECT_EQ(headline(counts({400, 410, std::nullopt})), "Children in care: no figure for 2022-23 Q3");
    EXPECT_EQ(headline(counts({400, std::nullopt, 410})), "Children in care stood at 410 in 2022-23 Q3");
}

TEST(Headline, SuppressedFiguresAreNeverNarrated) {
    EXPECT_EQ(headline(counts({400, 410, std::nullopt}, {0, 0, 'c'})),
              "Children in care: the latest figure is not shown, to protect confidentiality");
    // The quarter before is suppressed: no comparison with it.
    EXPECT_EQ(headline(counts({400, std::nullopt, 9}, {0, 'c', 0})), "Children in care stood at 9 in 2022-23 Q3");
}

TEST(Headline, FiguresAreComparedAsDisplayed) {
    SeriesInput s = counts({95.4, 95.6, 96.2, 96.4});
    s.subject = "Reviews held in timescale";
    s.kind = FigureKind::percent;
    // 96.2 and 96.4 both show as 96%.
    EXPECT_EQ(headline(s), "No change in reviews held in timescale (96%)");
}

TEST(Headline, PercentagesOfSmallBasesAreWordedCarefully) {
    SeriesInput s = counts({50.0, 60.0, 75.0});
    s.subject = "Escalations resolved within 20 working days";
    s.kind = FigureKind::percent;
    s.latest_base = 8;
    EXPECT_EQ(headline(s), "Escalations resolved within 20 working days rose for the second quarter in a row, to 75% of "
                           "only 8 (a small number, so the percentage moves easily)");
}

TEST(ShareHeadline, LowestShareInTheSpan) {
    ShareInput in{"Section 20", "children in care", quarters(12),
                  {20, 19, 19, 18, 18, 17, 17, 16, 16, 15, 15, 14}};
    EXPECT_EQ(share_headline(in), "Section 20: the lowest share in three years (14% of children in care)");
    in.shares = {20, 19, 19, 18, 18, 17, 17, 16, 16, 15, 16, 16};
    EXPECT_EQ(share_headline(in), "Section 20: 16% of children in care, no change");
    in.shares = {20, 19, 19, 18, 18, 17, 17, 16, 16, 15, 15, 16};
    EXPECT_EQ(share_headline(in), "Section 20: 16% of children in care, up from 15%");
    in.shares = {20, 19, 19, 18, 18, 17, 17, 16, 16, 15, std::nullopt, 16};
    EXPECT_EQ(share_headline(in), "Section 20: 16% of children in care");
}

TEST(Words, OrdinalsAndSpans) {
    EXPECT_EQ(ordinal_word(2), "second");
    EXPECT_EQ(ordinal_word(12), "twelfth");
    EXPECT_EQ(ordinal_word(13), "13th");
    EXPECT_EQ(span_words(12), "three years");
    EXPECT_EQ(span_words(4), "a year");
    EXPECT_EQ(span_words(6), "18 months");
    EXPECT_EQ(span_words(5), "five quarters");
}

}  // namespace
}  // namespace careboard
