#include "ingest/codes.hpp"

#include <array>

namespace careboard::codes {
namespace {

constexpr std::array kLegalStatus{
    Code{"C1", "Interim care order"}, Code{"C2", "Full care order"}, Code{"D1", "Freeing order"},
    Code{"E1", "Placement order"}, Code{"V2", "Section 20 (single period)"},
    Code{"L1", "Police protection"}, Code{"L2", "Emergency protection order"},
    Code{"L3", "Child assessment order"}, Code{"J1", "Remand"}, Code{"J2", "PACE accommodation"},
    Code{"J3", "Youth rehabilitation order"}, Code{"V3", "Short breaks (single)"},
    Code{"V4", "Short breaks (series)"}};

constexpr std::array kPlacement{
    Code{"U1", "Foster, relative or friend: long term"},
    Code{"U2", "Foster, relative or friend: fostering for adoption"},
    Code{"U3", "Foster, relative or friend: other"}, Code{"U4", "Foster, other carer: long term"},
    Code{"U5", "Foster, other carer: fostering for adoption"}, Code{"U6", "Foster, other carer: other"},
    Code{"A3", "Placed for adoption (consent, with former foster carer)"},
    Code{"A4", "Placed for adoption (consent, not with former foster carer)"},
    Code{"A5", "Placed for adoption (placement order, with former foster carer)"},
    Code{"A6", "Placed for adoption (placement order, not with former foster carer)"},
    Code{"P1", "Placed with parents"}, Code{"P2", "Independent living"},
    Code{"P3", "Residential employment"}, Code{"K1", "Secure children's home"},
    Code{"K2", "Children's home"}, Code{"K3", "Registered supported accommodation"},
    Code{"H5", "Semi-independent living"}, Code{"R1", "Residential care home"},
    Code{"R2", "NHS or health trust"}, Code{"R3", "Family centre or mother and baby unit"},
    Code{"R5", "Young offender institution or prison"}, Code{"S1", "Residential school"},
    Code{"T0", "Temporary: all"}, Code{"T1", "Temporary: periods of less than 7 days"},
    Code{"T2", "Temporary: placement at holiday"}, Code{"T3", "Temporary: other"},
    Code{"T4", "Temporary: hospital"}, Code{"Z1", "Other placement"}, Code{"Z11", "Other: Z11"},
    Code{"Z12", "Other: Z12"}, Code{"Z13", "Other: Z13"}, Code{"Z14", "Other: Z14"}};

constexpr std::array kProvider{Code{"PR0", "Parents"}, Code{"PR1", "Own local authority"},
    Code{"PR2", "Other local authority"}, Code{"PR3", "Other public sector"},
    Code{"PR4", "Private provision"}, Code{"PR5", "Voluntary or third sector"}};

constexpr std::array kNeed{Code{"N1", "Abuse or neglect"}, Code{"N2", "Child's disability"},
    Code{"N3", "Parental illness or disability"}, Code{"N4", "Family in acute stress"},
    Code{"N5", "Family dysfunction"}, Code{"N6", "Socially unacceptable behaviour"},
    Code{"N7", "Low income"}, Code{"N8", "Absent parenting"}};

constexpr std::array kNewEpisode{Code{"S", "Started to be looked after"},
    Code{"L", "Change of legal status only"}, Code{"P", "Change of placement and carer"},
    Code{"T", "Change of placement, same carer"},
    Code{"B", "Change of legal status, placement and carer"},
    Code{"U", "Change of legal status and placement, same carer"}};

constexpr std::array kReasonCeased{Code{"E11", "Adopted (application unopposed)"},
    Code{"E12", "Adopted (consent dispensed with)"},
    Code{"E13", "Left to live with parents, relatives or others"}, Code{"E14", "Remand ended"},
    Code{"E15", "Age assessment found 18 or over"}, Code{"E16", "Moved abroad"},
    Code{"E17", "Aged 18+, stayed with carers (staying put)"}, Code{"E2", "Died"},
    Code{"E3", "Care taken over by another local authority"},
    Code{"E41", "Residence or child arrangements order"},
    Code{"E45", "Special guardianship order: former foster carer, relative or friend"},
    Code{"E46", "Special guardianship order: former foster carer, other"},
    Code{"E47", "Special guardianship order: other carer, relative or friend"},
    Code{"E48", "Special guardianship order: other carer, other"},
    Code{"E4A", "Returned home as part of the care plan"},
    Code{"E4B", "Returned home, not part of the care plan"},
    Code{"E5", "Independent living with support"}, Code{"E6", "Independent living without support"},
    Code{"E7", "Adult residential care"}, Code{"E8", "Other reason"},
    Code{"E9", "Sentenced to custody"}, Code{"X1", "Episode ended, new one started the same day"}};

constexpr std::array kParticipation{Code{"PN0", "Child under 4"},
    Code{"PN1", "Attends and speaks for self"}, Code{"PN2", "Attends, advocate or IRO speaks"},
    Code{"PN3", "Attends, conveys views symbolically"}, Code{"PN4", "Attends without contributing"},
    Code{"PN5", "Does not attend, briefs an advocate"},
    Code{"PN6", "Does not attend, conveys views by another medium"},
    Code{"PN7", "Does not attend, views not conveyed"}};

constexpr std::array kEthnicity{Code{"WBRI", "white"}, Code{"WIRI", "white"}, Code{"WIRT", "white"},
    Code{"WROM", "white"}, Code{"WOTH", "white"}, Code{"MWBC", "mixed"}, Code{"MWBA", "mixed"},
    Code{"MWAS", "mixed"}, Code{"MOTH", "mixed"}, Code{"AIND", "asian"}, Code{"APKN", "asian"},
    Code{"ABAN", "asian"}, Code{"CHNE", "asian"}, Code{"AOTH", "asian"}, Code{"BCRB", "black"},
    Code{"BAFR", "black"}, Code{"BOTH", "black"}, Code{"OOTH", "other"}, Code{"REFU", "not_known"},
    Code{"NOBT", "not_known"}};

constexpr std::array kLegalStatusGroups{Code{"care_orders", "Care orders"},
    Code{"placement_order", "Placement orders"}, Code{"voluntary_s20", "Section 20 (voluntary)"},
    Code{"detained_for_protection", "Detained for child protection"},
    Code{"youth_justice", "Youth justice"}, Code{"other", "Other or not recorded"}};

constexpr std::array kPlacementGroups{Code{"foster", "Foster placements"},
    Code{"adoption", "Placed for adoption"}, Code{"placed_with_parents", "Placed with parents"},
    Code{"independent_living", "Independent and semi-independent living"},
    Code{"secure_and_childrens_homes", "Secure units and children's homes"},
    Code{"other_residential", "Other residential settings"}, Code{"other", "Other placements"}};

constexpr std::array kFostering{Code{"in_house", "In-house fostering"},
    Code{"agency", "Independent fostering agency"}, Code{"other", "Other provider"}};

constexpr std::array kSexes{Code{"male", "Male"}, Code{"female", "Female"}, Code{"unknown", "Not known"}};

constexpr std::array kEthnicityGroups{Code{"white", "White"}, Code{"mixed", "Mixed or multiple"},
    Code{"asian", "Asian or Asian British"}, Code{"black", "Black or Black British"},
    Code{"other", "Other ethnic group"}, Code{"not_known", "Not known or refused"}};

constexpr std::array kAgeBands{Code{"under_1", "Under 1"}, Code{"1_to_4", "1 to 4"},
    Code{"5_to_9", "5 to 9"}, Code{"10_to_15", "10 to 15"}, Code{"16_and_over", "16 and over"},
    Code{"unknown", "Age not known"}};

constexpr std::array kRouteTypes{Code{"informal", "Informal resolution"}, Code{"formal", "Formal dispute resolution"},
    Code{"alert", "Recording or compliance alert"}, Code{"good_practice", "Good practice"},
    Code{"unmapped", "Route not in the configuration"}};

constexpr std::array kEscalationStages{Code{"0", "Informal (stage 0)"}, Code{"1", "Stage 1"}, Code{"2", "Stage 2"},
    Code{"3", "Stage 3"}, Code{"4", "Stage 4"}, Code{"cafcass", "Referred to Cafcass"}};

constexpr std::array kEthnicCodes{Code{"WBRI", "White British"}, Code{"WIRI", "White Irish"},
    Code{"WIRT", "Traveller of Irish heritage"}, Code{"WROM", "Gypsy or Roma"}, Code{"WOTH", "Any other White background"},
    Code{"MWBC", "White and Black Caribbean"}, Code{"MWBA", "White and Black African"}, Code{"MWAS", "White and Asian"},
    Code{"MOTH", "Any other mixed background"}, Code{"AIND", "Indian"}, Code{"APKN", "Pakistani"},
    Code{"ABAN", "Bangladeshi"}, Code{"CHNE", "Chinese"}, Code{"AOTH", "Any other Asian background"},
    Code{"BCRB", "Caribbean"}, Code{"BAFR", "African"}, Code{"BOTH", "Any other Black background"},
    Code{"OOTH", "Any other ethnic group"}, Code{"REFU", "Refused"}, Code{"NOBT", "Information not yet obtained"}};

constexpr std::array kReasonGroups{Code{"adopted", "Adopted"}, Code{"special_guardianship", "Special guardianship order"},
    Code{"child_arrangements_order", "Child arrangements order"}, Code{"returned_home", "Returned home to parents"},
    Code{"independent_living", "Moved to independent living"},
    Code{"staying_put", "Aged 18, stayed with carers (staying put)"}, Code{"other", "Other reasons"}};

constexpr std::array kReviewSequences{Code{"first", "First review"}, Code{"second", "Second review"},
    Code{"later", "Later reviews"}, Code{"not_assessed", "Cannot be assessed"}};

bool in(std::string_view code, std::initializer_list<std::string_view> list) {
    for (auto c : list)
        if (c == code) return true;
    return false;
}


constexpr std::array kMissingKinds{Code{"M", "Missing"}, Code{"A", "Away from placement without authorisation"}};

constexpr std::array kPreviousPermanence{Code{"P1", "Adoption"}, Code{"P2", "Special guardianship order"},
    Code{"P3", "Residence or child arrangements order"}, Code{"Z1", "None, or not known"}};

constexpr std::array kInTouch{Code{"YES", "In touch"}, Code{"NO", "Not in touch"},
    Code{"DIED", "Died"}, Code{"REFU", "Refused contact"}, Code{"NREQ", "No longer requires services"},
    Code{"RHOM", "Returned home for 6 months or more"}};

constexpr std::array kActivity{Code{"F1", "Full-time higher education"}, Code{"P1", "Part-time higher education"},
    Code{"F2", "Full-time education other than higher education"},
    Code{"P2", "Part-time education other than higher education"}, Code{"F4", "Full-time apprenticeship"},
    Code{"P4", "Part-time apprenticeship"}, Code{"F5", "Full-time training or employment"},
    Code{"P5", "Part-time training or employment"},
    Code{"G4", "Not in education, training or employment: illness or disability"},
    Code{"G5", "Not in education, training or employment: other reasons"},
    Code{"G6", "Not in education, training or employment: pregnancy or parenting"},
    Code{"0", "No information"}};

constexpr std::array kAccommodation{Code{"B1", "B1"}, Code{"B2", "B2"}, Code{"C1", "C1"}, Code{"C2", "C2"},
    Code{"D1", "D1"}, Code{"D2", "D2"}, Code{"E1", "E1"}, Code{"E2", "E2"}, Code{"G1", "G1"}, Code{"G2", "G2"},
    Code{"H1", "H1"}, Code{"H2", "H2"}, Code{"K1", "K1"}, Code{"K2", "K2"}, Code{"R1", "R1"}, Code{"R2", "R2"},
    Code{"S2", "S2"}, Code{"T1", "T1"}, Code{"T2", "T2"}, Code{"U1", "U1"}, Code{"U2", "U2"}, Code{"V1", "V1"},
    Code{"V2", "V2"}, Code{"W1", "W1"}, Code{"W2", "W2"}, Code{"X2", "X2"}, Code{"Y1", "Y1"}, Code{"Y2", "Y2"},
    Code{"Z1", "Z1"}, Code{"Z2", "Z2"}, Code{"0", "No information"}};

constexpr std::array kActivityGroups{Code{"higher_education", "Higher education"},
    Code{"other_education", "Education other than higher education"},
    Code{"apprenticeship", "Apprenticeship"},
    Code{"training_or_employment", "Training or employment (not an apprenticeship)"},
    Code{"neet_illness_or_disability", "Not in education, training or employment: illness or disability"},
    Code{"neet_other", "Not in education, training or employment: other reasons"},
    Code{"neet_pregnancy_or_parenting", "Not in education, training or employment: pregnancy or parenting"},
    Code{"not_known", "Information not known"}};

constexpr std::array kActivitySummaries{Code{"eet", "In education, employment or training"},
    Code{"neet", "Not in education, employment or training"}, Code{"not_known", "Information not known"}};

constexpr std::array kAccommodationTypes{Code{"B", "With parents or relatives"},
    Code{"C", "Community home or other residential care"}, Code{"D", "Semi-independent, transitional"},
    Code{"E", "Supported lodgings"}, Code{"G", "Gone abroad"}, Code{"H", "Deported"},
    Code{"K", "Ordinary lodgings"}, Code{"R", "Residence not known"}, Code{"S", "No fixed abode or homeless"},
    Code{"T", "Foyer"}, Code{"U", "Independent living"}, Code{"V", "Emergency accommodation"},
    Code{"W", "Bed and breakfast"}, Code{"X", "In custody"}, Code{"Y", "Other accommodation"},
    Code{"Z", "With former foster carers"}, Code{"not_known", "Not known"}};

constexpr std::array kSuitability{Code{"suitable", "Suitable"}, Code{"unsuitable", "Not suitable"},
    Code{"not_applicable", "Abroad, deported or residence not known"}, Code{"no_information", "No information"}};

constexpr std::array kSdqBands{Code{"normal", "Normal (0 to 13)"}, Code{"borderline", "Borderline (14 to 16)"},
    Code{"concern", "Cause for concern (17 to 40)"}};
}  // namespace

std::span<const Code> legal_status() { return kLegalStatus; }
std::span<const Code> placement() { return kPlacement; }
std::span<const Code> provider() { return kProvider; }
std::span<const Code> need() { return kNeed; }
std::span<const Code> new_episode() { return kNewEpisode; }
std::span<const Code> reason_ceased() { return kReasonCeased; }
std::span<const Code> participation() { return kParticipation; }
std::span<const Code> ethnicity() { return kEthnicity; }
std::span<const Code> legal_status_groups() { return kLegalStatusGroups; }
std::span<const Code> placement_groups() { return kPlacementGroups; }
std::span<const Code> fostering_providers() { return kFostering; }
std::span<const Code> sexes() { return kSexes; }
std::span<const Code> ethnicity_groups() { return kEthnicityGroups; }
std::span<const Code> age_bands() { return kAgeBands; }
std::span<const Code> route_types() { return kRouteTypes; }
std::span<const Code> escalation_stages() { return kEscalationStages; }
std::span<const Code> iro_contracts() {
    static constexpr Code list[] = {{"permanent", "Permanent"}, {"agency", "Agency"}};
    return list;
}
std::span<const Code> iro_caseload_bands() {
    static constexpr Code list[] = {{"below_50", "Below 50 children"}, {"50_to_70", "50 to 70 children"},
                                    {"above_70", "Above 70 children"}};
    return list;
}
std::span<const Code> ethnic_codes() { return kEthnicCodes; }
std::span<const Code> reason_groups() { return kReasonGroups; }
std::span<const Code> missing_kinds() { return kMissingKinds; }
std::span<const Code> previous_permanence() { return kPreviousPermanence; }
std::span<const Code> in_touch() { return kInTouch; }
std::span<const Code> activity() { return kActivity; }
std::span<const Code> accommodation() { return kAccommodation; }
std::span<const Code> activity_groups() { return kActivityGroups; }
std::span<const Code> accommodation_types() { return kAccommodationTypes; }
std::span<const Code> activity_summaries() { return kActivitySummaries; }
std::span<const Code> suitability() { return kSuitability; }
std::span<const Code> sdq_bands() { return kSdqBands; }

std::string_view activity_group(std::string_view a) {
    if (a == "F1" || a == "P1") return "higher_education";
    if (a == "F2" || a == "P2") return "other_education";
    if (a == "F4" || a == "P4") return "apprenticeship";
    if (a == "F5" || a == "P5") return "training_or_employment";
    if (a == "G4") return "neet_illness_or_disability";
    if (a == "G5") return "neet_other";
    if (a == "G6") return "neet_pregnancy_or_parenting";
    return "not_known";
}

// A letter of the list and 1 or 2 (S1, which the 903 does not allow, is still read as S).
std::string_view accommodation_type(std::string_view accom) {
    if (accom.size() != 2 || (accom[1] != '1' && accom[1] != '2')) return "not_known";
    for (const Code& c : kAccommodationTypes)
        if (c.code.size() == 1 && c.code[0] == accom[0]) return c.code;
    return "not_known";
}

std::string_view accommodation_suitability(std::string_view accom) {
    const std::string_view type = accommodation_type(accom);
    if (type == "not_known") return "no_information";
    if (type == "G" || type == "H" || type == "R") return "not_applicable";
    return accom[1] == '1' ? "suitable" : "unsuitable";
}

std::string_view sdq_band(int score) { return score <= 13 ? "normal" : score <= 16 ? "borderline" : "concern"; }

bool is_in_education_training_or_employment(std::string_view g) {
    return g == "higher_education" || g == "other_education" || g == "apprenticeship" || g == "training_or_employment";
}
bool is_neet(std::string_view g) { return g.starts_with("neet_"); }
std::string_view activity_summary(std::string_view g) {
    return is_in_education_training_or_employment(g) ? "eet" : is_neet(g) ? "neet" : "not_known";
}
std::span<const Code> review_sequences() { return kReviewSequences; }

int position_of(std::span<const Code> list, std::string_view code) {
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].code == code) return static_cast<int>(i);
    return -1;
}

bool is_known(std::span<const Code> list, std::string_view code) { return position_of(list, code) >= 0; }

std::string combine_codes(const std::vector<std::string>& codes) {
    std::string out;
    for (const std::string& c : codes) {
        if (!out.empty()) out += combined_separator;
        out += c;
    }
    return out;
}

std::vector<std::string_view> combined_codes(std::span<const Code> list, std::string_view category) {
    std::vector<std::string_view> out;
    if (category.find(combined_separator) == std::string_view::npos) return out;
    while (true) {
        const std::size_t at = category.find(combined_separator);
        const std::string_view part = category.substr(0, at);
        if (!is_known(list, part)) return {};
        out.push_back(part);
        if (at == std::string_view::npos) break;
        category.remove_prefix(at + 1);
    }
    if (out.size() < 2) return {};
    return out;
}

std::pair<int, std::string> category_sort_key(std::span<const Code> list, std::string_view category) {
    if (category == not_recorded) return {2, std::string(category)};
    int p = position_of(list, category);
    // A combined category (coarsening) takes its first code's place.
    if (const auto parts = combined_codes(list, category); p < 0 && !parts.empty()) p = position_of(list, parts.front());
    if (p >= 0) return {0, std::string(1, static_cast<char>(p))};
    return {1, std::string(category)};
}

std::string label_of(std::span<const Code> list, std::string_view code) {
    const int p = position_of(list, code);
    return p >= 0 ? std::string(list[static_cast<std::size_t>(p)].label) : std::string(code);
}

bool is_short_break(std::string_view ls) { return ls == "V3" || ls == "V4"; }
bool is_placement_start(std::string_view rne) { return in(rne, {"S", "P", "T", "B", "U"}); }
bool is_valid_sex(std::string_view sex) { return in(sex, {"1", "2", "M", "F", "U"}); }

std::string_view legal_status_group(std::string_view ls) {
    if (in(ls, {"C1", "C2"})) return "care_orders";
    if (in(ls, {"E1", "D1"})) return "placement_order";
    if (ls == "V2") return "voluntary_s20";
    if (in(ls, {"L1", "L2", "L3"})) return "detained_for_protection";
    if (in(ls, {"J1", "J2", "J3"})) return "youth_justice";
    return "other";
}

std::string_view placement_group(std::string_view place) {
    if (in(place, {"U1", "U2", "U3", "U4", "U5", "U6"})) return "foster";
    if (in(place, {"A3", "A4", "A5", "A6"})) return "adoption";
    if (place == "P1") return "placed_with_parents";
    if (in(place, {"P2", "H5", "K3"})) return "independent_living";
    if (in(place, {"K1", "K2"})) return "secure_and_childrens_homes";
    if (in(place, {"R1", "R2", "R3", "R5", "S1", "P3"})) return "other_residential";
    return "other";
}

std::string_view reason_ceased_group(std::string_view rec) {
    if (in(rec, {"E11", "E12"})) return "adopted";
    if (in(rec, {"E45", "E46", "E47", "E48"})) return "special_guardianship";
    if (rec == "E41") return "child_arrangements_order";
    if (in(rec, {"E4A", "E4B"})) return "returned_home";
    if (in(rec, {"E5", "E6"})) return "independent_living";
    if (rec == "E17") return "staying_put";
    return "other";
}

std::string_view fostering_provider(std::string_view provider) {
    if (provider == "PR1") return "in_house";
    if (provider == "PR4" || provider == "PR5") return "agency";
    return "other";
}

std::string_view sex_category(std::string_view sex) {
    if (sex == "1" || sex == "M") return "male";
    if (sex == "2" || sex == "F") return "female";
    return "unknown";
}

std::string_view ethnicity_group(std::string_view ethnic) {
    const int p = position_of(kEthnicity, ethnic);
    return p >= 0 ? kEthnicity[static_cast<std::size_t>(p)].label : std::string_view("not_known");
}

std::string_view age_band(int age) {
    if (age < 0) return "unknown";
    if (age < 1) return "under_1";
    if (age <= 4) return "1_to_4";
    if (age <= 9) return "5_to_9";
    if (age <= 15) return "10_to_15";
    return "16_and_over";
}

}  // namespace careboard::codes
