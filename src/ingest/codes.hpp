#pragma once
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace careboard::codes {

// The SSDA903 code lists (domain.md), in the order careboard lists categories.
struct Code {
    std::string_view code;
    std::string_view label;
};

std::span<const Code> legal_status();   // LS (including V3, V4 short breaks)
std::span<const Code> placement();      // PLACE
std::span<const Code> provider();       // PLACE_PROVIDER
std::span<const Code> need();           // CIN
std::span<const Code> new_episode();    // RNE
std::span<const Code> reason_ceased();  // REC (including X1)
std::span<const Code> participation();  // REVIEW_CODE
std::span<const Code> ethnicity();      // ETHNIC

bool is_known(std::span<const Code> list, std::string_view code);
// The label of a code, or the code itself when it is not in the list.
std::string label_of(std::span<const Code> list, std::string_view code);
// Position in the list, or -1.
int position_of(std::span<const Code> list, std::string_view code);

bool is_short_break(std::string_view ls);         // V3, V4
bool is_placement_start(std::string_view rne);    // S, P, T, B, U
bool is_valid_sex(std::string_view sex);          // 1, 2, M, F, U

// Groupings used by measures (docs/definitions.md).
std::string_view legal_status_group(std::string_view ls);
std::string_view placement_group(std::string_view place);
std::string_view fostering_provider(std::string_view provider);
std::string_view reason_ceased_group(std::string_view rec);
std::string_view sex_category(std::string_view sex);
std::string_view ethnicity_group(std::string_view ethnic);
std::string_view age_band(int age);

// Category orders for the groupings, and display labels for categories that are not 903 codes.
std::span<const Code> legal_status_groups();
std::span<const Code> placement_groups();
std::span<const Code> fostering_providers();
std::span<const Code> sexes();
std::span<const Code> ethnicity_groups();
std::span<const Code> age_bands();
std::span<const Code> route_types();        // escalation route types
std::span<const Code> escalation_stages();  // 0..4, cafcass
std::span<const Code> iro_contracts();      // permanent, agency (iro_staffing.csv)
std::span<const Code> iro_caseload_bands(); // below_50, 50_to_70, above_70 (the IRO Handbook's band)
std::span<const Code> ethnic_codes();       // ETHNIC with their names (ethnicity() maps them to groups)
std::span<const Code> reason_groups();      // groups of REC
std::span<const Code> review_sequences();   // first, second, later, not_assessed

// The other 903 tables (docs/definitions.md, "The other 903 tables").
std::span<const Code> missing_kinds();          // MISSING: M, A
std::span<const Code> previous_permanence();    // PREV_PERM
std::span<const Code> in_touch();               // IN_TOUCH
std::span<const Code> activity();               // ACTIV (0: no information)
std::span<const Code> accommodation();          // ACCOM: a letter and 1 (suitable) or 2, or 0
std::span<const Code> activity_groups();        // the DfE's activity categories
std::span<const Code> activity_summaries();     // eet, neet, not_known: the groups of those
std::span<const Code> accommodation_types();    // ACCOM's letter
std::span<const Code> suitability();            // suitable, unsuitable, not_applicable, no_information
std::span<const Code> sdq_bands();              // normal, borderline, concern
std::string_view activity_group(std::string_view activ);       // not_known for 0, empty, unknown
std::string_view accommodation_type(std::string_view accom);   // not_known for 0, empty, unknown
std::string_view accommodation_suitability(std::string_view accom);
std::string_view sdq_band(int score);
bool is_in_education_training_or_employment(std::string_view activity_group);
bool is_neet(std::string_view activity_group);
std::string_view activity_summary(std::string_view activity_group);  // eet, neet or not_known

inline constexpr std::string_view not_recorded = "not_recorded";

// Where a category sorts in a breakdown by `list` (docs/definitions.md, "Code-list order"): the
// list's codes in its order (a combined category at its first code's place), then codes not in it
// alphabetically, then `not_recorded`.
std::pair<int, std::string> category_sort_key(std::span<const Code> list, std::string_view category);
// Every code not in a breakdown's code list, together, as the public edition shows them.
inline constexpr std::string_view other_code = "other_code";

// Codes of one breakdown that few children have each, combined into one category in a public
// edition (docs/disclosure.md, "Coarsening"): the codes joined by '+', in the list's order
// ("N2+N3+N6").
inline constexpr char combined_separator = '+';
std::string combine_codes(const std::vector<std::string>& codes);
// A combined category's codes, each in `list` and at least two; empty for any other category.
std::vector<std::string_view> combined_codes(std::span<const Code> list, std::string_view category);

}  // namespace careboard::codes
