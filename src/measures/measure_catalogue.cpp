#include "measures/measure_catalogue.hpp"

#include <array>
#include <cmath>
#include <unordered_map>

#include "core/format.hpp"

namespace careboard {
namespace {

using codes::Code;
constexpr auto at = PeriodKind::at_date;
constexpr auto over = PeriodKind::over_period;

// A count of children at a date or over a period.
constexpr MeasureDef children(std::string_view key, PeriodKind period, std::string_view label, std::string_view page) {
    MeasureDef d;
    d.key = key;
    d.period = period;
    d.unit = Unit::children;
    d.label = label;
    d.page = page;
    return d;
}

constexpr MeasureDef events(std::string_view key, PeriodKind period, std::string_view label, std::string_view page) {
    MeasureDef d = children(key, period, label, page);
    d.unit = Unit::events;
    return d;
}

// A breakdown of counts by a code list (or the authority's labels when `list` is null), adding
// up to `sums_to`.
constexpr MeasureDef by(MeasureDef d, std::span<const Code> (*list)(), std::string_view sums_to) {
    d.breakdown = list ? CategoryKind::codes : CategoryKind::labels;
    d.codes = list;
    d.sums_to = sums_to;
    return d;
}

constexpr MeasureDef grouped(MeasureDef d, std::string_view groups_into, std::string_view (*group_of)(std::string_view)) {
    d.groups_into = groups_into;
    d.group_of = group_of;
    return d;
}

// Codes few children have each are combined in the public edition (docs/disclosure.md).
constexpr MeasureDef coarsened(MeasureDef d) {
    d.coarsened_in_public = true;
    return d;
}

constexpr MeasureDef ratio(std::string_view key, PeriodKind period, Unit unit, std::string_view label,
                           std::string_view page, RatioDef r) {
    MeasureDef d;
    d.key = key;
    d.period = period;
    d.unit = unit;
    d.decimals = 1;
    d.label = label;
    d.page = page;
    d.ratio = r;
    return d;
}

constexpr MeasureDef with_unit(MeasureDef d, Unit unit, int decimals) {
    d.unit = unit;
    d.decimals = decimals;
    return d;
}

constexpr MeasureDef benchmark(MeasureDef d) {
    d.benchmark_only = true;
    d.page = "how-we-compare";
    return d;
}

constexpr MeasureDef yearly(MeasureDef d) {
    d.years_only = true;
    return d;
}

// A percentage of children, for financial years only.
constexpr MeasureDef yearly_percent(std::string_view key, PeriodKind period, std::string_view label, std::string_view page,
                                    RatioDef r) {
    return yearly(ratio(key, period, Unit::percent, label, page, r));
}

constexpr MeasureDef hidden_with(MeasureDef d, std::string_view count) {
    d.hidden_with = count;
    return d;
}

constexpr std::string_view kSuitabilityKnown = "suitable unsuitable no_information";

constexpr std::string_view kPN1to6 = "PN1 PN2 PN3 PN4 PN5 PN6";
constexpr std::string_view kPN1to7 = "PN1 PN2 PN3 PN4 PN5 PN6 PN7";

// clang-format off
const std::array kCatalogue{
    // The care population at a date.
    children("looked_after", at, "Children looked after", "population"),
    ratio("looked_after_rate_per_10000", at, Unit::rate, "Children looked after per 10,000 children", "population",
          {.numerator = "looked_after", .denominator = "population_0_17", .scale = 10000.0, .small_base = false}),
    coarsened(grouped(by(children("looked_after_by_legal_status", at, "Children looked after by legal status", "legal-status"),
                         codes::legal_status, "looked_after"),
                      "looked_after_by_legal_status_group", codes::legal_status_group)),
    by(children("looked_after_by_legal_status_group", at, "Children looked after by legal status group", "legal-status"),
       codes::legal_status_groups, "looked_after"),
    coarsened(grouped(by(children("looked_after_by_placement", at, "Children looked after by placement", "placements"),
                         codes::placement, "looked_after"),
                      "looked_after_by_placement_group", codes::placement_group)),
    by(children("looked_after_by_placement_group", at, "Children looked after by type of placement", "placements"),
       codes::placement_groups, "looked_after"),
    by(children("looked_after_by_provider", at, "Children looked after by placement provider", "placements"),
       codes::provider, "looked_after"),
    by(children("looked_after_fostering_by_provider", at, "Children in foster care by provider", "placements"),
       codes::fostering_providers, "looked_after_by_placement_group:foster"),
    by(children("looked_after_by_age", at, "Children looked after by age", "population"), codes::age_bands, "looked_after"),
    by(children("looked_after_by_sex", at, "Children looked after by sex", "population"), codes::sexes, "looked_after"),
    by(children("looked_after_by_ethnicity", at, "Children looked after by ethnic group", "population"),
       codes::ethnicity_groups, "looked_after"),
    coarsened(grouped(by(children("looked_after_by_ethnic_code", at, "Children looked after by ethnic background", "population"),
                         codes::ethnic_codes, "looked_after"),
                      "looked_after_by_ethnicity", codes::ethnicity_group)),
    children("placements_3_or_more", at, "Children with 3 or more placements in 12 months", "placements"),
    ratio("placements_3_or_more_percent", at, Unit::percent, "Children with 3 or more placements in 12 months (%)",
          "placements", {.numerator = "placements_3_or_more", .denominator = "looked_after"}),
    children("long_term_cohort", at, "Children under 16 looked after for 2.5 years or more", "placements"),
    children("long_term_same_placement", at, "Of those, children in the same placement for 2 years or more", "placements"),
    ratio("long_term_stability_percent", at, Unit::percent,
          "Children under 16 looked after for 2.5 years or more in the same placement for 2 years (%)", "placements",
          {.numerator = "long_term_same_placement", .denominator = "long_term_cohort"}),
    // Starting and ceasing.
    children("started", over, "Children who started to be looked after", "population"),
    coarsened(by(children("started_by_need", over, "Children who started to be looked after, by category of need", "population"),
                 codes::need, "started")),
    coarsened(by(children("started_by_legal_status", over, "Children who started to be looked after, by legal status",
                          "population"),
                 codes::legal_status, "started")),
    by(children("started_by_age", over, "Children who started to be looked after, by age", "population"),
       codes::age_bands, "started"),
    by(children("started_by_sex", over, "Children who started to be looked after, by sex", "population"), codes::sexes,
       "started"),
    by(children("started_by_ethnicity", over, "Children who started to be looked after, by ethnic group", "population"),
       codes::ethnicity_groups, "started"),
    by(children("started_by_placement_group", over, "Children who started to be looked after, by first placement",
                "population"),
       codes::placement_groups, "started"),
    events("started_occasions", over, "Occasions of starting to be looked after", "population"),
    children("ceased", over, "Children who ceased to be looked after", "population"),
    coarsened(grouped(by(children("ceased_by_reason", over, "Children who ceased to be looked after, by reason", "population"),
                         codes::reason_ceased, "ceased"),
                      "ceased_by_reason_group", codes::reason_ceased_group)),
    by(children("ceased_by_reason_group", over, "Children who ceased to be looked after, by reason group", "population"),
       codes::reason_groups, "ceased"),
    // Reviews.
    events("reviews_held", over, "Reviews held", "reviews"),
    events("reviews_in_timescale", over, "Reviews held in timescale", "reviews"),
    ratio("reviews_in_timescale_percent", over, Unit::percent, "Reviews held in timescale (%)", "reviews",
          {.numerator = "reviews_in_timescale", .denominator = "reviews_held",
           .denominator_less = "reviews_timescale_not_assessed"}),
    events("reviews_timescale_not_assessed", over, "Reviews whose timeliness cannot be assessed", "reviews"),
    by(events("reviews_by_sequence", over, "Reviews held, by place in the period of care", "reviews"),
       codes::review_sequences, "reviews_held"),
    by(events("reviews_in_timescale_by_sequence", over, "Reviews held in timescale, by place in the period of care",
              "reviews"),
       codes::review_sequences, "reviews_in_timescale"),
    children("reviews_children_assessed", over, "Children with a review whose timeliness can be assessed", "reviews"),
    children("reviews_children_all_in_timescale", over, "Children all of whose reviews were in timescale", "reviews"),
    ratio("reviews_children_all_in_timescale_percent", over, Unit::percent,
          "Children all of whose reviews were in timescale (%)", "reviews",
          {.numerator = "reviews_children_all_in_timescale", .denominator = "reviews_children_assessed"}),
    events("reviews_short_break", over, "Reviews of children on short breaks", "reviews"),
    by(events("reviews_by_participation", over, "Reviews by how the child took part", "reviews"), codes::participation,
       "reviews_held"),
    ratio("reviews_participation_percent", over, Unit::percent, "Reviews in which the child took part (%)", "reviews",
          {.numerator = "reviews_by_participation", .numerator_categories = kPN1to6,
           .denominator = "reviews_by_participation", .denominator_categories = kPN1to7}),
    // The other 903 tables (docs/definitions.md, "The other 903 tables").
    children("looked_after_during", over, "Children looked after at any time in the period", "missing"),
    children("missing_children", over, "Children looked after who went missing", "missing"),
    events("missing_incidents", over, "Missing incidents", "missing"),
    children("away_children", over, "Children looked after who were away from placement without authorisation", "missing"),
    events("away_incidents", over, "Incidents of being away from placement without authorisation", "missing"),
    ratio("missing_children_percent", over, Unit::percent, "Children looked after who went missing (%)", "missing",
          {.numerator = "missing_children", .denominator = "looked_after_during"}),
    ratio("missing_incidents_per_child", over, Unit::rate, "Missing incidents per child who went missing", "missing",
          {.numerator = "missing_incidents", .denominator = "missing_children", .scale = 1.0}),
    ratio("away_children_percent", over, Unit::percent,
          "Children looked after who were away from placement without authorisation (%)", "missing",
          {.numerator = "away_children", .denominator = "looked_after_during"}),
    ratio("away_incidents_per_child", over, Unit::rate, "Away incidents per child who was away", "missing",
          {.numerator = "away_incidents", .denominator = "away_children", .scale = 1.0}),
    children("uasc_looked_after", at, "Unaccompanied asylum-seeking children looked after", "population"),
    children("uasc_started", over, "Unaccompanied asylum-seeking children who started to be looked after", "population"),
    children("adopted", over, "Children adopted", "adoption"),
    hidden_with(with_unit(children("adoption_days_care_to_moving_in", over,
                                   "Days from entering care to moving in with the adoptive family (average)", "adoption"),
                          Unit::days, 0),
                "adoption_children_care_to_moving_in"),
    children("adoption_children_care_to_moving_in", over,
             "Children adopted with the dates of entering care and moving in with their adopters", "adoption"),
    hidden_with(with_unit(children("adoption_days_order_to_match", over,
                                   "Days from the placement order to being matched with adopters (average)", "adoption"),
                          Unit::days, 0),
                "adoption_children_order_to_match"),
    children("adoption_children_order_to_match", over,
             "Children adopted with the dates of the placement order and the match", "adoption"),
    coarsened(by(children("started_by_previous_permanence", over,
                          "Children who started to be looked after, by previous permanence arrangement", "population"),
                 codes::previous_permanence, "started")),
    // The OC2 cohort: looked after for 12 months at 31 March; figures of the year it ends.
    yearly(children("oc2_cohort", over, "Children looked after for at least 12 months", "health")),
    yearly(children("oc2_cohort_0_to_4", over, "Of those, aged 0 to 4", "health")),
    yearly(children("oc2_cohort_5_to_16", over, "Of those, aged 5 to 16", "health")),
    yearly(children("oc2_cohort_10_to_17", over, "Of those, aged 10 to 17", "health")),
    yearly(children("oc2_health_assessment", over, "Had their annual health assessment", "health")),
    yearly_percent("oc2_health_assessment_percent", over, "Had their annual health assessment (%)", "health",
                   {.numerator = "oc2_health_assessment", .denominator = "oc2_cohort"}),
    yearly(children("oc2_immunisations", over, "Immunisations up to date", "health")),
    yearly_percent("oc2_immunisations_percent", over, "Immunisations up to date (%)", "health",
                   {.numerator = "oc2_immunisations", .denominator = "oc2_cohort"}),
    yearly(children("oc2_teeth_check", over, "Had their teeth checked by a dentist", "health")),
    yearly_percent("oc2_teeth_check_percent", over, "Had their teeth checked by a dentist (%)", "health",
                   {.numerator = "oc2_teeth_check", .denominator = "oc2_cohort"}),
    yearly(children("oc2_development_assessment", over, "Aged 0 to 4 with development assessments up to date", "health")),
    yearly_percent("oc2_development_assessment_percent", over, "Aged 0 to 4 with development assessments up to date (%)",
                   "health", {.numerator = "oc2_development_assessment", .denominator = "oc2_cohort_0_to_4"}),
    yearly(children("oc2_sdq_received", over, "Aged 5 to 16 with a strengths and difficulties (SDQ) score", "health")),
    yearly_percent("oc2_sdq_received_percent", over, "Aged 5 to 16 with an SDQ score (%)", "health",
                   {.numerator = "oc2_sdq_received", .denominator = "oc2_cohort_5_to_16"}),
    yearly(children("oc2_convicted", over, "Aged 10 to 17 convicted or subject to a youth caution", "health")),
    yearly_percent("oc2_convicted_percent", over, "Aged 10 to 17 convicted or subject to a youth caution (%)", "health",
                   {.numerator = "oc2_convicted", .denominator = "oc2_cohort_10_to_17"}),
    yearly(children("oc2_substance_misuse", over, "Identified as having a substance misuse problem", "health")),
    yearly_percent("oc2_substance_misuse_percent", over, "Identified as having a substance misuse problem (%)", "health",
                   {.numerator = "oc2_substance_misuse", .denominator = "oc2_cohort"}),
    yearly(children("oc2_intervention_received", over, "Of those, received an intervention", "health")),
    yearly_percent("oc2_intervention_received_percent", over, "Of those, received an intervention (%)", "health",
                   {.numerator = "oc2_intervention_received", .denominator = "oc2_substance_misuse"}),
    yearly(children("oc2_intervention_refused", over, "Of those, offered an intervention and refused it", "health")),
    yearly_percent("oc2_intervention_refused_percent", over, "Of those, offered an intervention and refused it (%)", "health",
                   {.numerator = "oc2_intervention_refused", .denominator = "oc2_substance_misuse"}),
    yearly(by(children("oc2_sdq_by_band", over, "SDQ scores, by band", "health"), codes::sdq_bands, "oc2_sdq_received")),
    yearly(hidden_with(with_unit(children("oc2_sdq_average", over, "Average SDQ score", "health"), Unit::rate, 1),
                       "oc2_sdq_received")),
    // Care leavers (OC3), at the birthday in the year.
    yearly(children("care_leavers_17_to_18", over, "Care leavers aged 17 to 18", "care-leavers")),
    yearly(children("care_leavers_17_to_18_in_touch", over, "Care leavers aged 17 to 18 in touch", "care-leavers")),
    yearly_percent("care_leavers_17_to_18_in_touch_percent", over, "Care leavers aged 17 to 18 in touch (%)", "care-leavers",
                   {.numerator = "care_leavers_17_to_18_in_touch", .denominator = "care_leavers_17_to_18"}),
    yearly(grouped(by(children("care_leavers_17_to_18_by_activity", over, "Care leavers aged 17 to 18, by activity",
                               "care-leavers"),
                      codes::activity_groups, "care_leavers_17_to_18"),
                   "care_leavers_17_to_18_by_activity_group", codes::activity_summary)),
    yearly(by(children("care_leavers_17_to_18_by_activity_group", over,
                       "Care leavers aged 17 to 18: in education, employment or training, or not", "care-leavers"),
              codes::activity_summaries, "care_leavers_17_to_18")),
    yearly_percent("care_leavers_17_to_18_eet_percent", over,
                   "Care leavers aged 17 to 18 in education, employment or training (%)", "care-leavers",
                   {.numerator = "care_leavers_17_to_18_by_activity_group", .numerator_categories = "eet",
                    .denominator = "care_leavers_17_to_18"}),
    yearly_percent("care_leavers_17_to_18_neet_percent", over,
                   "Care leavers aged 17 to 18 not in education, employment or training (%)", "care-leavers",
                   {.numerator = "care_leavers_17_to_18_by_activity_group", .numerator_categories = "neet",
                    .denominator = "care_leavers_17_to_18"}),
    yearly(by(children("care_leavers_17_to_18_by_accommodation", over, "Care leavers aged 17 to 18, by accommodation",
                       "care-leavers"),
              codes::accommodation_types, "care_leavers_17_to_18")),
    yearly(by(children("care_leavers_17_to_18_by_suitability", over,
                       "Care leavers aged 17 to 18, by whether their accommodation is suitable", "care-leavers"),
              codes::suitability, "care_leavers_17_to_18")),
    yearly_percent("care_leavers_17_to_18_suitable_percent", over, "Care leavers aged 17 to 18 in suitable accommodation (%)",
                   "care-leavers",
                   {.numerator = "care_leavers_17_to_18_by_suitability", .numerator_categories = "suitable",
                    .denominator = "care_leavers_17_to_18_by_suitability", .denominator_categories = kSuitabilityKnown}),
    yearly(children("care_leavers_19_to_21", over, "Care leavers aged 19 to 21", "care-leavers")),
    yearly(children("care_leavers_19_to_21_in_touch", over, "Care leavers aged 19 to 21 in touch", "care-leavers")),
    yearly_percent("care_leavers_19_to_21_in_touch_percent", over, "Care leavers aged 19 to 21 in touch (%)", "care-leavers",
                   {.numerator = "care_leavers_19_to_21_in_touch", .denominator = "care_leavers_19_to_21"}),
    yearly(grouped(by(children("care_leavers_19_to_21_by_activity", over, "Care leavers aged 19 to 21, by activity",
                               "care-leavers"),
                      codes::activity_groups, "care_leavers_19_to_21"),
                   "care_leavers_19_to_21_by_activity_group", codes::activity_summary)),
    yearly(by(children("care_leavers_19_to_21_by_activity_group", over,
                       "Care leavers aged 19 to 21: in education, employment or training, or not", "care-leavers"),
              codes::activity_summaries, "care_leavers_19_to_21")),
    yearly_percent("care_leavers_19_to_21_eet_percent", over,
                   "Care leavers aged 19 to 21 in education, employment or training (%)", "care-leavers",
                   {.numerator = "care_leavers_19_to_21_by_activity_group", .numerator_categories = "eet",
                    .denominator = "care_leavers_19_to_21"}),
    yearly_percent("care_leavers_19_to_21_neet_percent", over,
                   "Care leavers aged 19 to 21 not in education, employment or training (%)", "care-leavers",
                   {.numerator = "care_leavers_19_to_21_by_activity_group", .numerator_categories = "neet",
                    .denominator = "care_leavers_19_to_21"}),
    yearly(by(children("care_leavers_19_to_21_by_accommodation", over, "Care leavers aged 19 to 21, by accommodation",
                       "care-leavers"),
              codes::accommodation_types, "care_leavers_19_to_21")),
    yearly(by(children("care_leavers_19_to_21_by_suitability", over,
                       "Care leavers aged 19 to 21, by whether their accommodation is suitable", "care-leavers"),
              codes::suitability, "care_leavers_19_to_21")),
    yearly_percent("care_leavers_19_to_21_suitable_percent", over, "Care leavers aged 19 to 21 in suitable accommodation (%)",
                   "care-leavers",
                   {.numerator = "care_leavers_19_to_21_by_suitability", .numerator_categories = "suitable",
                    .denominator = "care_leavers_19_to_21_by_suitability", .denominator_categories = kSuitabilityKnown}),
    // Social worker changes (sw_episodes).
    yearly(children("sw_3_or_more", over, "Children looked after with 3 or more social workers in the year", "placements")),
    yearly_percent("sw_3_or_more_percent", over, "Children looked after with 3 or more social workers in the year (%)",
                   "placements", {.numerator = "sw_3_or_more", .denominator = "looked_after"}),
    // IRO escalations and staffing.
    events("escalations_raised", over, "Escalations raised", "escalations"),
    by(events("escalations_by_route", over, "Escalations raised, by route", "escalations"), nullptr, "escalations_raised"),
    by(events("escalations_by_route_type", over, "Escalations raised, by type of route", "escalations"),
       codes::route_types, "escalations_raised"),
    [] {
        MeasureDef d = by(events("escalations_by_theme", over, "Escalation themes", "escalations"), nullptr, {});
        d.overlapping = true;
        d.within = "escalations_raised";
        return d;
    }(),
    by(events("escalations_by_stage", over, "Escalations raised, by stage reached", "escalations"),
       codes::escalation_stages, "escalations_raised"),
    by(events("escalations_by_team", over, "Escalations raised, by team", "escalations"), nullptr, "escalations_raised"),
    events("escalations_resolved", over, "Escalations resolved", "escalations"),
    events("escalations_resolved_within_20_days", over, "Escalations resolved within 20 working days", "escalations"),
    ratio("escalations_resolved_within_20_days_percent", over, Unit::percent,
          "Escalations resolved within 20 working days (%)", "escalations",
          {.numerator = "escalations_resolved_within_20_days", .denominator = "escalations_resolved"}),
    [] {
        MeasureDef d = with_unit(events("escalation_days_to_resolve_median", over,
                                        "Working days to resolve an escalation (median)", "escalations"),
                                 Unit::days, 1);
        d.hidden_with = "escalations_resolved";
        d.guide_from = 20;
        d.guide_label = "20 working days (IRO Handbook)";
        d.guide_always = true;
        return d;
    }(),
    by(events("escalations_resolved_by_level", over, "Escalations resolved, by level", "escalations"), nullptr,
       "escalations_resolved"),
    events("escalations_open", at, "Escalations open", "escalations"),
    events("escalations_open_over_20_days", at, "Escalations open over 20 working days", "escalations"),
    ratio("escalations_per_100_looked_after", over, Unit::rate, "Escalations per 100 children looked after",
          "escalations", {.numerator = "escalations_raised", .denominator = "looked_after", .small_base = false}),
    with_unit(events("iro_fte", at, "IROs in post (full-time equivalent)", "escalations"), Unit::fte, 1),
    [] {
        MeasureDef d = ratio("iro_caseload", at, Unit::rate, "Children looked after per full-time IRO", "escalations",
                             {.numerator = "looked_after", .denominator = "iro_fte", .scale = 1.0, .small_base = false});
        d.guide_from = 50;
        d.guide_to = 70;
        d.guide_label = "IRO Handbook range: 50 to 70";
        return d;
    }(),
    ratio("iro_caseload_average", over, Unit::rate, "Children looked after per full-time IRO, average over the year",
          "escalations", {.numerator = "iro_caseload", .scale = 1.0, .small_base = false, .year_mean_of_quarters = true}),
    // IRO staffing beyond FTE (iro_staffing.csv's optional columns).
    with_unit(children("iro_headcount", at, "IROs in post (headcount)", "escalations"), Unit::staff, 0),
    with_unit(by(children("iro_headcount_by_contract", at, "IROs in post, by contract", "escalations"),
                 codes::iro_contracts, "iro_headcount"),
              Unit::staff, 0),
    with_unit(events("iro_vacancies_fte", at, "IRO vacancies (full-time equivalent)", "escalations"), Unit::fte, 1),
    // Caseloads per IRO from iro_allocations.csv: only ranges, averages and counts in the IRO
    // Handbook's band are published, never one IRO's figure (the lowest and highest are each one
    // person's, so withheld from the public edition).
    children("iro_allocated_children", at, "Children looked after with an IRO allocated", "escalations"),
    with_unit(children("iro_with_caseload", at, "IROs with a caseload", "escalations"), Unit::staff, 0),
    [] {
        MeasureDef d = with_unit(children("iro_caseload_lowest", at, "Lowest caseload of an IRO (children)", "escalations"),
                                 Unit::rate, 1);
        d.withheld_in_public = true;
        return d;
    }(),
    [] {
        MeasureDef d = with_unit(children("iro_caseload_highest", at, "Highest caseload of an IRO (children)", "escalations"),
                                 Unit::rate, 1);
        d.withheld_in_public = true;
        return d;
    }(),
    [] {
        MeasureDef d = ratio("iro_caseload_mean", at, Unit::rate, "Children per IRO with a caseload (average)", "escalations",
                             {.numerator = "iro_allocated_children", .denominator = "iro_with_caseload", .scale = 1.0,
                              .small_base = false});
        d.guide_from = 50;
        d.guide_to = 70;
        d.guide_label = "IRO Handbook range: 50 to 70";
        return d;
    }(),
    with_unit(by(children("iro_caseload_band", at, "IROs by caseload, against the IRO Handbook's 50 to 70", "escalations"),
                 codes::iro_caseload_bands, "iro_with_caseload"),
              Unit::staff, 0),
    // Published by the DfE for whole years and read for comparison (docs/benchmarks.md).
    benchmark(with_unit(children("started_rate_per_10000", over, "Children starting to be looked after per 10,000 children", {}),
                        Unit::rate, 1)),
    benchmark(with_unit(children("ceased_rate_per_10000", over, "Children ceasing to be looked after per 10,000 children", {}),
                        Unit::rate, 1)),
    benchmark(with_unit(by(children("started_by_need_percent", over, "Children starting care, by category of need (%)", {}),
                           codes::need, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("started_by_legal_status_percent", over, "Children starting care, by legal status (%)", {}),
                           codes::legal_status, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("ceased_by_reason_percent", over, "Children ceasing care, by reason (%)", {}),
                           codes::reason_ceased, {}),
                        Unit::percent, 1)),
    benchmark(events("new_placements", over, "New placements in the year", {})),
    benchmark(by(events("new_placements_by_distance", over, "New placements, by distance from home", {}), nullptr,
                 "new_placements")),
    benchmark(with_unit(by(events("new_placements_by_distance_percent", over, "New placements, by distance from home (%)", {}),
                           nullptr, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("oc2_sdq_by_band_percent", over, "SDQ scores, by band (% of scores received)", {}),
                           codes::sdq_bands, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("care_leavers_17_to_18_by_activity_percent", over,
                                    "Care leavers aged 17 to 18, by activity (%)", {}),
                           codes::activity_groups, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("care_leavers_17_to_18_by_suitability_percent", over,
                                    "Care leavers aged 17 to 18, by whether their accommodation is suitable (%)", {}),
                           codes::suitability, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("care_leavers_19_to_21_by_activity_percent", over,
                                    "Care leavers aged 19 to 21, by activity (%)", {}),
                           codes::activity_groups, {}),
                        Unit::percent, 1)),
    benchmark(with_unit(by(children("care_leavers_19_to_21_by_suitability_percent", over,
                                    "Care leavers aged 19 to 21, by whether their accommodation is suitable (%)", {}),
                           codes::suitability, {}),
                        Unit::percent, 1)),
};
// clang-format on

constexpr std::array kStockFlows{StockFlow{"looked_after", "started", "ceased"},
                                 StockFlow{"escalations_open", "escalations_raised", "escalations_resolved"}};

// The run-time registry of measures declared in the config (set_declared_measures): their owned
// facts, the code lists their categories make, and the whole catalogue (compiled-in entries, then
// the declared ones) that every look-up reads.
struct Registry {
    std::vector<DeclaredMeasure> declared;
    std::vector<std::vector<codes::Code>> code_lists;  // one per declared measure
    std::vector<MeasureDef> all;                       // empty: the compiled-in catalogue alone
    std::unordered_map<std::string_view, std::size_t> declared_at;  // key -> position in `all`
};

Registry& registry() {
    static Registry r;
    return r;
}

// Each compiled-in key's position, for look-ups in constant time (every stage looks measures up
// by key, often in loops over every cell).
const std::unordered_map<std::string_view, std::size_t>& builtin_positions() {
    static const std::unordered_map<std::string_view, std::size_t> positions = [] {
        std::unordered_map<std::string_view, std::size_t> m;
        for (std::size_t i = 0; i < kCatalogue.size(); ++i) m.emplace(kCatalogue[i].key, i);
        return m;
    }();
    return positions;
}

// A key's position in measure_catalogue(), if it has one.
std::optional<std::size_t> position_of(std::string_view key) {
    const auto& builtin = builtin_positions();
    if (const auto it = builtin.find(key); it != builtin.end()) return it->second;
    const Registry& r = registry();
    if (const auto it = r.declared_at.find(key); it != r.declared_at.end()) return it->second;
    return std::nullopt;
}

}  // namespace

std::span<const MeasureDef> measure_catalogue() {
    const Registry& r = registry();
    if (r.all.empty()) return kCatalogue;
    return r.all;
}
std::span<const StockFlow> stock_flows() { return kStockFlows; }

const MeasureDef* builtin_measure_def(std::string_view key) {
    const auto& builtin = builtin_positions();
    const auto it = builtin.find(key);
    return it == builtin.end() ? nullptr : &kCatalogue[it->second];
}

void clear_declared_measures() {
    Registry& r = registry();
    r.all.clear();
    r.code_lists.clear();
    r.declared.clear();
    r.declared_at.clear();
}

void set_declared_measures(std::vector<DeclaredMeasure> measures) {
    clear_declared_measures();
    Registry& r = registry();
    for (DeclaredMeasure& m : measures)
        if (!builtin_measure_def(m.key)) r.declared.push_back(std::move(m));
    if (r.declared.empty()) return;
    // The views below point into `declared`, which is not changed again until the next call.
    r.code_lists.resize(r.declared.size());
    r.all.assign(kCatalogue.begin(), kCatalogue.end());
    for (std::size_t i = 0; i < r.declared.size(); ++i) {
        const DeclaredMeasure& m = r.declared[i];
        MeasureDef d;
        d.key = m.key;
        d.period = m.period;
        d.unit = m.unit;
        d.decimals = m.decimals;
        d.label = m.label;
        d.page = m.page;
        d.section = m.section;
        d.declared = true;
        for (const auto& [code, label] : m.categories) r.code_lists[i].push_back({code, label});
        if (!m.categories.empty()) {
            d.breakdown = CategoryKind::codes;
            d.declared_codes = r.code_lists[i];
            d.sums_to = m.sums_to;
        }
        if (!m.numerator.empty()) {
            d.unit = Unit::percent;
            d.ratio = {.numerator = m.numerator, .denominator = m.denominator};
        }
        r.all.push_back(d);
    }
    for (std::size_t i = kCatalogue.size(); i < r.all.size(); ++i) r.declared_at.emplace(r.all[i].key, i);
}

std::span<const DeclaredMeasure> declared_measures() { return registry().declared; }

const MeasureDef* find_measure_def(std::string_view key) {
    const std::optional<std::size_t> at = position_of(key);
    return at ? &measure_catalogue()[*at] : nullptr;
}

const MeasureDef& measure_def(std::string_view key) {
    static const MeasureDef unknown = [] {
        MeasureDef d;
        d.key = "";
        d.unit = Unit::children;
        d.label = "";
        return d;
    }();
    const MeasureDef* d = find_measure_def(key);
    return d ? *d : unknown;
}

std::string measure_label(std::string_view key) {
    const MeasureDef& def = measure_def(key);
    return std::string(def.label.empty() ? key : def.label);
}

int measure_rank(std::string_view key) {
    const std::optional<std::size_t> at = position_of(key);
    return static_cast<int>(at ? *at : measure_catalogue().size());
}

int display_decimals(const MeasureDef& def) { return def.is_percent() ? 0 : def.decimals; }

std::string display_figure(const MeasureDef& def, double value) {
    return def.is_percent() ? format_percent(value) : format_number(value, display_decimals(def));
}

std::string csv_figure(const MeasureDef& def, double value) { return format_plain(value, def.decimals); }

std::string_view category_group(const MeasureDef& def, std::string_view category) {
    if (!def.group_of) return {};
    if (category == codes::not_recorded) return def.group_of({});
    if (const auto parts = codes::combined_codes(def.category_codes(), category); !parts.empty()) return def.group_of(parts.front());
    return def.group_of(category);
}

CellName sums_to_cell(const MeasureDef& def) {
    const std::size_t colon = def.sums_to.find(':');
    if (colon == std::string_view::npos) return {std::string(def.sums_to), "Total"};
    return {std::string(def.sums_to.substr(0, colon)), std::string(def.sums_to.substr(colon + 1))};
}

CellName share_base(const MeasureDef& def) {
    if (!def.sums_to.empty()) return sums_to_cell(def);
    if (!def.within.empty()) return {std::string(def.within), "Total"};
    return {};
}

std::string category_label(std::string_view measure, std::string_view category) {
    if (category == "Total") return "Total";
    if (category == codes::not_recorded) return "Not recorded";
    if (category == codes::other_code) return "Codes not in the 903 list";
    if (category == "Other") return "All other";
    const MeasureDef* def = find_measure_def(measure);
    // The authority's own labels (escalation routes, themes, teams, levels), and categories of a
    // measure careboard does not know, are shown as written.
    if (!def || !def->has_codes()) return std::string(category);
    const auto list = def->category_codes();
    if (const auto parts = codes::combined_codes(list, category); def->coarsened_in_public && !parts.empty()) {
        // "Youth justice: J1 and J3 combined" (within a group), "N2, N3 and N6 combined".
        std::string out;
        for (std::size_t i = 0; i < parts.size(); ++i)
            out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + std::string(parts[i]);
        out += " combined";
        const MeasureDef* groups = def->groups_into.empty() ? nullptr : find_measure_def(def->groups_into);
        if (groups && groups->has_codes()) {
            const std::string_view g = def->group_of(parts.front());
            const int gp = codes::position_of(groups->category_codes(), g);
            if (gp >= 0) out = std::string(groups->category_codes()[static_cast<std::size_t>(gp)].label) + ": " + out;
        }
        return out;
    }
    const int p = codes::position_of(list, category);
    if (p < 0) return def->breakdown == CategoryKind::codes && !def->declared && list.data() != codes::escalation_stages().data()
                          ? std::string(category) + " (code not in the 903 list)"
                          : std::string(category);
    const Code& code = list[static_cast<std::size_t>(p)];
    // 903 codes keep the code for reference; careboard's own groups and bands are words only.
    const bool is_903_code = list.data() == codes::legal_status().data() || list.data() == codes::placement().data() ||
                             list.data() == codes::provider().data() || list.data() == codes::need().data() ||
                             list.data() == codes::reason_ceased().data() ||
                             list.data() == codes::participation().data() || list.data() == codes::ethnic_codes().data() ||
                             list.data() == codes::previous_permanence().data();
    return is_903_code ? std::string(code.code) + " " + std::string(code.label) : std::string(code.label);
}

std::optional<std::string> value_outside_range(const MeasureDef* def, double value) {
    constexpr double kMost = 1e7;
    if (def && def->is_count()) {
        if (!(value >= 0 && value <= kMost) || value != std::floor(value)) return "a whole number from 0 to 10,000,000";
    } else if (def && def->is_percent()) {
        if (!(value >= 0 && value <= 100)) return "a percentage from 0 to 100";
    } else if (!(value >= 0 && value <= kMost)) {
        return "a number from 0 to 10,000,000";
    }
    return std::nullopt;
}

std::string_view unit_name(Unit unit) {
    switch (unit) {
    case Unit::children: return "children";
    case Unit::events: return "events";
    case Unit::percent: return "percent";
    case Unit::rate: return "rate";
    case Unit::fte: return "fte";
    case Unit::days: return "days";
    case Unit::staff: return "staff";
    }
    return "children";
}

std::string_view period_kind_name(PeriodKind kind) { return kind == PeriodKind::at_date ? "date" : "period"; }

}  // namespace careboard
