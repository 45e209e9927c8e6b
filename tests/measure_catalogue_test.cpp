// The measure catalogue: every measure careboard produces has an entry, every breakdown a
// disclosure relation, every name an entry refers to exists, and a measure careboard does not
// know fails closed (a count, suppressed, warned about).
#include <gtest/gtest.h>

#include <set>

#include "config/config.hpp"
#include "disclosure/disclosure.hpp"
#include "ingest/ssda903.hpp"
#include "measures/compute.hpp"
#include "measures/escalation_measures.hpp"
#include "measures/iro_measures.hpp"
#include "measures/measure_catalogue.hpp"
#include "measures/measures_csv.hpp"
#include "support/run.hpp"

namespace careboard {
namespace {

// The sample config's declared measures ([activity]) are in the catalogue while it lives.
struct SampleDeclarations {
    ~SampleDeclarations() { clear_declared_measures(); }
};

// Every measure of the sample authority, counted and derived, as a build makes them, with the
// measures its config declares (until the caller's SampleDeclarations ends).
MeasureSet sample_measures() {
    Diagnostics diagnostics;
    const std::string dir = (testing::source_dir() / "sample-data").string();
    const std::optional<Config> config = load_config(dir + "/careboard.toml", diagnostics);
    EXPECT_TRUE(config.has_value());
    declare_activity_measures(*config, diagnostics);
    IngestOptions ingest;
    ingest.activity = config->activity;
    const Dataset data = load_dataset(discover_data_folder(dir, diagnostics), diagnostics, ingest);
    EXPECT_FALSE(diagnostics.has_errors());
    WindowOptions window{config->data_as_at, config->window_end, config->window_quarters};
    MeasureSet set = compute_measures(data, reporting_window(*data_as_at(data, window), window), "E06999999");
    compute_escalation_measures(data, config->escalations, set);
    compute_iro_record_measures(data, set);
    derive_ratios(set, Population(48200.0));
    return set;
}

TEST(MeasureCatalogue, EveryProducedMeasureHasAnEntry) {
    const SampleDeclarations declarations;
    const MeasureSet set = sample_measures();
    ASSERT_GT(set.measures.size(), 40u);
    for (const Measure& m : set.measures) {
        const MeasureDef* def = find_measure_def(m.key);
        ASSERT_NE(def, nullptr) << m.key << " is produced but has no catalogue entry";
        EXPECT_EQ(m.kind, def->period) << m.key;
        EXPECT_EQ(m.decimals, def->decimals) << m.key;
        EXPECT_FALSE(def->label.empty()) << m.key;
        EXPECT_FALSE(def->page.empty()) << m.key << " is produced but shown on no page";
    }
}

// A breakdown without a relation would publish a derivable small cell: every breakdown the
// sample produces must take part in a relation of disclosure control, as a part.
TEST(MeasureCatalogue, EveryProducedBreakdownHasADisclosureRelation) {
    const SampleDeclarations declarations;
    const MeasureSet set = sample_measures();
    std::set<std::string> related;
    // Relations with another measure: a year and its quarters, of one measure, do not count.
    for (const Relation& r : disclosure_relations(set))
        for (const CellRef& part : r.parts)
            if (part.measure != r.total.measure) related.insert(part.measure);
    for (const Measure& m : set.measures) {
        if (m.categories == std::vector<std::string>{"Total"}) continue;
        if (measure_def(m.key).overlapping) continue;  // each category at most the total, no sum
        EXPECT_TRUE(related.count(m.key)) << m.key << " is a breakdown with no disclosure relation";
    }
}

TEST(MeasureCatalogue, EntriesReferToMeasuresThatExist) {
    std::set<std::string_view> keys;
    for (const MeasureDef& d : measure_catalogue()) EXPECT_TRUE(keys.insert(d.key).second) << "twice: " << d.key;
    auto known = [&](std::string_view key) { return key.empty() || keys.count(key) > 0; };
    for (const MeasureDef& d : measure_catalogue()) {
        if (d.breakdown != CategoryKind::total && !d.benchmark_only && !d.overlapping) {
            EXPECT_FALSE(d.sums_to.empty()) << d.key << " is a breakdown that sums to nothing";
        }
        if (!d.sums_to.empty()) {
            const CellName whole = sums_to_cell(d);
            EXPECT_TRUE(known(whole.measure)) << d.key << " sums to an unknown measure " << whole.measure;
            if (whole.category != "Total") {
                const MeasureDef& total = measure_def(whole.measure);
                ASSERT_NE(total.codes, nullptr) << d.key;
                EXPECT_GE(codes::position_of(total.codes(), whole.category), 0) << d.key;
            }
        }
        EXPECT_TRUE(known(d.groups_into)) << d.key;
        EXPECT_EQ(d.groups_into.empty(), d.group_of == nullptr) << d.key << ": a grouping needs both ends";
        if (d.group_of) {
            // Every code of the list falls in a group the group measure lists.
            const MeasureDef& groups = measure_def(d.groups_into);
            ASSERT_NE(d.codes, nullptr) << d.key;
            ASSERT_NE(groups.codes, nullptr) << d.key;
            for (const codes::Code& c : d.codes())
                EXPECT_GE(codes::position_of(groups.codes(), d.group_of(c.code)), 0) << d.key << " " << c.code;
        }
        if (d.is_ratio()) {
            EXPECT_FALSE(d.is_count()) << d.key << " is derived, so it is not a count";
            EXPECT_TRUE(known(d.ratio.numerator)) << d.key;
            EXPECT_TRUE(d.ratio.denominator == "population_0_17" || known(d.ratio.denominator)) << d.key;
            EXPECT_TRUE(known(d.ratio.denominator_less)) << d.key;
        }
        EXPECT_TRUE(known(d.hidden_with)) << d.key;
        // Averages of whole days are whole days, as the DfE publishes adoption timeliness.
        if (d.unit != Unit::days || d.decimals != 0) {
            EXPECT_EQ(d.decimals > 0, !d.is_count()) << d.key << ": counts are whole numbers, the rest carry a decimal";
        }
    }
    for (const StockFlow& sf : stock_flows()) {
        EXPECT_TRUE(known(sf.stock));
        EXPECT_TRUE(known(sf.in));
        EXPECT_TRUE(known(sf.out));
    }
}

TEST(MeasureCatalogue, UnknownMeasureInAMeasuresFileIsWarnedAboutAndSuppressedAsACount) {
    Diagnostics diagnostics;
    std::optional<MeasureSet> set = read_measures_csv(
        "area_code,period_start,period_end,measure,category,value\n"
        "E09000099,2024-03-31,2024-03-31,looked_after,Total,40\n"
        "E09000099,2024-03-31,2024-03-31,children_in_boats,Total,2\n"
        "E09000099,2024-03-31,2024-03-31,children_in_boats,Total,3\n"
        "E09000099,2024-01-01,2024-03-31,children_in_boats_flow,Total,2.5\n",
        "measures.csv", diagnostics);
    ASSERT_TRUE(set.has_value());
    ASSERT_EQ(diagnostics.items().size(), 2u);  // once per unknown key, at its first row
    EXPECT_EQ(format_diagnostic(diagnostics.items()[0]),
              "measures.csv:3:4: warning: measure: 'children_in_boats' is not a measure careboard knows; its figures "
              "are treated as counts of children (suppressed as any count is in the public edition) [W302]");
    EXPECT_EQ(diagnostics.items()[1].line, 5);
    const Measure* boats = set->find("children_in_boats");
    ASSERT_NE(boats, nullptr);
    EXPECT_EQ(boats->kind, PeriodKind::at_date);
    EXPECT_EQ(boats->decimals, 0);
    EXPECT_EQ(set->find("children_in_boats_flow")->kind, PeriodKind::over_period);
    apply_disclosure_control(*set, {});
    EXPECT_EQ(set->find("children_in_boats")->symbol(0, 0), 'c');
    EXPECT_EQ(set->find("children_in_boats_flow")->symbol(0, 0), 'c');
    EXPECT_EQ(set->value("looked_after", 0), 40.0);
    EXPECT_EQ(display_figure(measure_def("children_in_boats"), 2.5), "3");
}

TEST(MeasureCatalogue, OneDisplayRuleForAFigure) {
    EXPECT_EQ(display_figure(measure_def("iro_caseload"), 55.0), "55.0");
    EXPECT_EQ(display_figure(measure_def("iro_caseload"), 55.84), "55.8");
    EXPECT_EQ(display_figure(measure_def("reviews_in_timescale_percent"), 96.14), "96%");
    EXPECT_EQ(display_figure(measure_def("looked_after"), 1234), "1,234");
    EXPECT_EQ(csv_figure(measure_def("reviews_in_timescale_percent"), 96.14), "96.1");
    EXPECT_EQ(csv_figure(measure_def("escalation_days_to_resolve_median"), 7.5), "7.5");
    EXPECT_EQ(csv_figure(measure_def("looked_after"), 12), "12");
}

TEST(MeasureCatalogue, CategoryLabelsComeFromTheCodeLists) {
    EXPECT_EQ(category_label("looked_after_by_legal_status", "C2"), "C2 Full care order");
    EXPECT_EQ(category_label("looked_after_by_age", "10_to_15"), "10 to 15");
    EXPECT_EQ(category_label("ceased_by_reason_group", "special_guardianship"), "Special guardianship order");
    EXPECT_EQ(category_label("looked_after_by_ethnic_code", "WBRI"), "WBRI White British");
    EXPECT_EQ(category_label("looked_after_by_placement", "Q9"), "Q9 (code not in the 903 list)");
    EXPECT_EQ(category_label("escalations_by_theme", "Care planning"), "Care planning");
    EXPECT_EQ(category_label("escalations_by_stage", "2"), "Stage 2");
    EXPECT_EQ(category_label("escalations_by_stage", "5"), "5");
    EXPECT_EQ(category_label("not_a_measure", "x1"), "x1");
}

}  // namespace
}  // namespace careboard
