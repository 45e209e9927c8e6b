#include "synth/synth.hpp"

#include "synth/escalations.hpp"
#include "synth/support.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// The generator simulates a whole local authority: children arrive on random days, each
// child's care is planned as periods of care made of legal-status and placement timelines, and
// the yearly returns are cut from those timelines the way a case-management system exports
// them. Every random decision uses integer arithmetic on our own PRNG (no std:: distributions,
// no floating point), so the bytes written depend only on the options, never on the platform
// or the standard library.

namespace careboard::synth {
namespace {

using namespace detail;

// "Never happens": larger than any day we simulate; only ever compared, never added to.
constexpr int kNever = std::numeric_limits<int>::max();
// A horizon beyond every simulated day that is still safe to do arithmetic with.
constexpr int kFarFuture = 100'000'000;

// ============================================================================ 903 codes

enum class Ls : std::uint8_t { C1, C2, E1, V2, V3, V4, L1, L2, J1 };
constexpr std::string_view kLsText[] = {"C1", "C2", "E1", "V2", "V3", "V4", "L1", "L2", "J1"};

enum class Place : std::uint8_t {
    U1, U2, U3, U4, U5, U6, A3, A4, A5, A6, P1, P2, H5, K1, K2, K3, R1, R2, R3, R5, S1, Z1, Z11, Z12, Z13, Z14
};
constexpr std::string_view kPlaceText[] = {"U1", "U2", "U3", "U4", "U5", "U6", "A3", "A4", "A5",
                                           "A6", "P1", "P2", "H5", "K1", "K2", "K3", "R1", "R2",
                                           "R3", "R5", "S1", "Z1", "Z11", "Z12", "Z13", "Z14"};

enum class Provider : std::uint8_t { PR0, PR1, PR2, PR3, PR4, PR5 };
constexpr std::string_view kProviderText[] = {"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"};

enum class Rec : std::uint8_t {
    X1, E11, E12, E13, E14, E15, E16, E17, E2, E3, E41, E45, E46, E47, E48, E4A, E4B, E5, E6, E7, E8, E9
};
constexpr std::string_view kRecText[] = {"X1",  "E11", "E12", "E13", "E14", "E15", "E16", "E17",
                                         "E2",  "E3",  "E41", "E45", "E46", "E47", "E48", "E4A",
                                         "E4B", "E5",  "E6",  "E7",  "E8",  "E9"};

enum class Rne : std::uint8_t { S, L, P, T, B, U };
constexpr std::string_view kRneText[] = {"S", "L", "P", "T", "B", "U"};

enum class Rpc : std::uint8_t {
    None, CARPL, CLOSE, ALLEG, STAND, APPRR, CREQB, CREQO, CHILD, LAREQ, PLACE, CUSTOD, OTHER
};
constexpr std::string_view kRpcText[] = {"",      "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
                                         "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER"};

enum class Cin : std::uint8_t { N1, N2, N3, N4, N5, N6, N7, N8 };
constexpr std::string_view kCinText[] = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};

enum class Pn : std::uint8_t { PN0, PN1, PN2, PN3, PN4, PN5, PN6, PN7 };
constexpr std::string_view kPnText[] = {"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"};

template <typename E, std::size_t N>
constexpr std::string_view text(const std::string_view (&names)[N], E value) {
    return names[static_cast<std::size_t>(value)];
}

// Outward codes only, and fictional: NF* stands for the authority's own area, ZZ* for
// anywhere else (so "out of area" is visible without pointing at a real place).
constexpr std::string_view kPostText[] = {"NF1", "NF2", "NF3", "NF4", "NF5", "NF6", "NF7", "NF8", "NF9",
                                          "ZZ1", "ZZ2", "ZZ3", "ZZ4", "ZZ5", "ZZ6", "ZZ7", "ZZ8", "ZZ9"};
constexpr std::uint8_t kNoPost = 0xFF;

constexpr bool is_kin(Place p) noexcept { return p == Place::U1 || p == Place::U2 || p == Place::U3; }
constexpr bool is_foster(Place p) noexcept { return p <= Place::U6; }
constexpr bool is_independent(Place p) noexcept { return p == Place::P2 || p == Place::H5 || p == Place::K3; }
constexpr bool has_urn(Place p) noexcept { return p == Place::K1 || p == Place::K2 || p == Place::R1; }

// ============================================================================ model

struct Episode {
    int start;
    int end;  // the day the episode ceased (DEC); every simulated episode ends some day
    Rne rne;
    Ls ls;
    Cin cin;
    Place place;
    Provider provider;
    Rec rec;
    Rpc rpc;
    std::uint8_t home_post;
    std::uint8_t pl_post;
    std::uint32_t urn;  // 0 = none
};

struct ReviewRow {
    int day;
    Pn code;
};

struct Child {
    int dob_true;  // the simulated birth day; only its month survives anonymisation
    int dob;       // first of the birth month, as exported
    int adult;     // 18th birthday of the exported DOB: care ends on or before it
    bool male;
    bool uasc;
    std::string_view ethnic;
    std::uint8_t home_post;
};

struct LegalEvent {
    int day;
    Ls ls;
};

struct Placement {
    int day;
    Place place;
    Provider provider;
    std::uint8_t post;
    std::uint32_t urn;
    bool same_carer;  // a change of placement type with the same carers (RNE T / U)
    Rpc reason;
};

struct Home {
    std::uint32_t urn;
    std::uint8_t post;
    Provider provider;
};

// Facts shared by every child of one run.
struct Setting {
    int supported_accommodation_day;  // H5 and P2 end, K3 begins (28 Oct 2023)
    int z_split_day;                  // Z1 splits into Z11-Z14 (1 Apr 2025)
    std::vector<Home> homes;          // children's homes (K2)
    std::vector<Home> secure;         // secure children's homes (K1)
    std::vector<Home> residential;    // residential care homes (R1)
};

// How a period of care is going to end; it drives the legal and placement timelines.
enum class Path : std::uint8_t { Home, Relatives, Adopt, Sgo, Cao, To18, Other };

struct PeriodPlan {
    Path path = Path::Home;
    int start = 0;
    int end = 0;
    Rec rec = Rec::X1;  // X1 here means "decide from the final placement"
    int adoption_day = kNever;
    bool consent_adoption = false;
    int legal_move_day = kNever;  // a legal change that also moves the child (RNE B)
    bool leaves_custody = false;
};

enum class Forced : std::uint8_t { Adoption, Parents, KinFinal, Independent, LegalMove, Match };

struct ForcedMove {
    int day;
    Forced kind;
};

struct Period {
    int start;
    int end;
};

// Buffers reused from child to child.
struct Scratch {
    Child child{};
    std::vector<LegalEvent> legal;
    std::vector<Placement> placements;
    std::vector<ForcedMove> forced;
    std::vector<Episode> episodes;
    std::vector<Period> periods;
    std::vector<ReviewRow> reviews;
};

// ============================================================================ tables
// Weights are per mille unless they are relative weights of a code list. They aim at an
// English authority's mix (DfE children-looked-after statistics, rounded): see the brief in
// the comments of each table.

// Age at entry: ~20% under 1, 15% 1-4, 18% 5-9, 35% 10-15, 12% 16-17.
constexpr Weighted<int> kEntryBand[] = {{0, 200}, {1, 150}, {2, 180}, {3, 350}, {4, 120}};
// Many babies come into care at or just after birth.
constexpr Span kInfantAgeDays[] = {{450, 0, 6}, {200, 7, 60}, {350, 61, 364}};

// ~72% white, 10% mixed, 5% asian, 8% black, 3% other, 2% not known once the unaccompanied
// young people (below) are included.
constexpr Weighted<std::string_view> kEthnic[] = {
    {"WBRI", 6300}, {"WIRI", 50},  {"WIRT", 60},  {"WROM", 120}, {"WOTH", 850}, {"MWBC", 420}, {"MWBA", 150},
    {"MWAS", 130},  {"MOTH", 330}, {"AIND", 60},  {"APKN", 160}, {"ABAN", 60},  {"CHNE", 20},  {"AOTH", 100},
    {"BCRB", 130},  {"BAFR", 400}, {"BOTH", 170}, {"OOTH", 250}, {"REFU", 120}, {"NOBT", 120}};
constexpr Weighted<std::string_view> kUascEthnic[] = {{"AOTH", 300}, {"BAFR", 300}, {"OOTH", 200},
                                                      {"BOTH", 100}, {"WOTH", 70},  {"MOTH", 30}};

// Category of need at entry: 65% N1, 3% N2, 3% N3, 8% N4, 14% N5, 1% N6, 0.2% N7, 6% N8.
constexpr Weighted<Cin> kNeed[] = {{Cin::N1, 650}, {Cin::N2, 30}, {Cin::N3, 30}, {Cin::N4, 80},
                                   {Cin::N5, 140}, {Cin::N6, 10}, {Cin::N7, 2},  {Cin::N8, 58}};
constexpr Weighted<Cin> kUascNeed[] = {{Cin::N8, 900}, {Cin::N4, 50}, {Cin::N1, 50}};

// How periods end, by age band at entry. Together these give about 25% returned home,
// 10% to relatives, 9% adopted, 12% SGO, 4% CAO and the rest mostly at 18.
// Columns in Path order:              Home Relatives Adopt  Sgo  Cao To18 Other
constexpr int kPathByBand[5][7] = {/* under 1 */ {140, 60, 450, 230, 60, 40, 20},
                                   /* 1-4 */ {240, 90, 220, 210, 80, 140, 20},
                                   /* 5-9 */ {350, 120, 0, 140, 60, 300, 30},
                                   /* 10-15 */ {290, 110, 0, 50, 30, 440, 80},
                                   /* 16-17 */ {180, 90, 0, 0, 0, 640, 90}};
constexpr Weighted<Path> kUascPath[] = {{Path::To18, 800}, {Path::Other, 200}};

// Length of a period of care (days) for the paths whose end is not fixed by age or adoption.
constexpr Span kHomeDays[] = {{200, 1, 42}, {200, 43, 240}, {350, 241, 730}, {250, 731, 2200}};
constexpr Span kRelativesDays[] = {{150, 7, 60}, {300, 61, 365}, {300, 366, 900}, {250, 901, 2500}};
constexpr Span kSgoDays[] = {{300, 250, 500}, {450, 501, 900}, {250, 901, 1800}};
constexpr Span kCaoDays[] = {{400, 150, 400}, {400, 401, 800}, {200, 801, 1500}};
constexpr Span kOtherDays[] = {{300, 7, 90}, {400, 91, 400}, {300, 401, 1200}};
constexpr Span kReentryGap[] = {{500, 21, 365}, {500, 366, 1500}};

// Legal status at entry, by path: mostly s20 (V2) or an interim care order (C1).
constexpr Weighted<Ls> kEntryLs[7][5] = {
    /* Home */ {{Ls::V2, 500}, {Ls::C1, 370}, {Ls::L1, 60}, {Ls::L2, 30}, {Ls::J1, 40}},
    /* Relatives */ {{Ls::V2, 420}, {Ls::C1, 430}, {Ls::L1, 80}, {Ls::L2, 40}, {Ls::J1, 30}},
    /* Adopt */ {{Ls::V2, 150}, {Ls::C1, 750}, {Ls::L1, 0}, {Ls::L2, 100}, {Ls::J1, 0}},
    /* Sgo */ {{Ls::V2, 120}, {Ls::C1, 750}, {Ls::L1, 80}, {Ls::L2, 50}, {Ls::J1, 0}},
    /* Cao */ {{Ls::V2, 100}, {Ls::C1, 800}, {Ls::L1, 50}, {Ls::L2, 50}, {Ls::J1, 0}},
    /* To18 */ {{Ls::V2, 300}, {Ls::C1, 600}, {Ls::L1, 70}, {Ls::L2, 20}, {Ls::J1, 10}},
    /* Other */ {{Ls::V2, 550}, {Ls::C1, 200}, {Ls::L1, 50}, {Ls::L2, 0}, {Ls::J1, 200}},
};
// Per mille of s20 children whose plan later needs a care order, by path.
constexpr int kV2ToCareOrder[7] = {200, 200, 1000, 600, 600, 600, 50};

// Placement types, by age group (0-4, 5-9, 10-12, 13-15, 16-17): foster care dominates, children's
// homes are mostly for teenagers, independent living only from 16.
enum class Kind : std::uint8_t {
    Kin, Foster, Parents, Home, Independent, Secure, Custody, Health, MotherBaby, School, Residential, Other
};
// Columns in Kind order: Kin Foster Parents Home Independent Secure Custody Health MotherBaby
// School Residential Other.
constexpr int kKindByAge[5][12] = {/* 0-4 */ {260, 700, 10, 5, 0, 0, 0, 3, 25, 0, 0, 2},
                                   /* 5-9 */ {230, 700, 20, 35, 0, 0, 0, 3, 0, 10, 2, 5},
                                   /* 10-12 */ {170, 590, 25, 180, 0, 0, 0, 5, 0, 20, 5, 10},
                                   /* 13-15 */ {110, 450, 25, 360, 0, 8, 2, 5, 0, 20, 10, 10},
                                   /* 16-17 */ {80, 300, 20, 270, 300, 5, 10, 5, 0, 0, 5, 5}};
constexpr Weighted<Kind> kUascKindYounger[] = {{Kind::Foster, 800}, {Kind::Home, 200}};
constexpr Weighted<Kind> kUascKindOlder[] = {{Kind::Independent, 650}, {Kind::Foster, 250}, {Kind::Home, 100}};

// In-house foster carers about 55% of fostering, independent agencies 45%.
constexpr Weighted<Provider> kFosterProvider[] = {{Provider::PR1, 350}, {Provider::PR4, 500}, {Provider::PR5, 150}};
constexpr Weighted<Provider> kHomeProvider[] = {{Provider::PR4, 800}, {Provider::PR1, 150}, {Provider::PR5, 50}};
constexpr Weighted<Provider> kIndependentProvider[] = {
    {Provider::PR4, 600}, {Provider::PR1, 200}, {Provider::PR5, 200}};
constexpr Weighted<Provider> kAdoptionProvider[] = {{Provider::PR1, 550}, {Provider::PR2, 150}, {Provider::PR5, 300}};

// Why the previous placement ended, for ordinary moves.
constexpr Weighted<Rpc> kMoveReason[] = {{Rpc::CARPL, 220}, {Rpc::LAREQ, 300}, {Rpc::PLACE, 80}, {Rpc::CHILD, 80},
                                         {Rpc::CREQB, 50},  {Rpc::CREQO, 30},  {Rpc::ALLEG, 30}, {Rpc::STAND, 40},
                                         {Rpc::APPRR, 20},  {Rpc::CLOSE, 20},  {Rpc::CUSTOD, 10}, {Rpc::OTHER, 120}};
constexpr Weighted<Rpc> kIndependentReason[] = {{Rpc::LAREQ, 500}, {Rpc::CREQB, 300}, {Rpc::CHILD, 200}};

// Placement stability: how long placements last depends on the child.
enum class Stability : std::uint8_t { Stable, Moderate, Unstable };
constexpr Weighted<Stability> kStabilityByAge[3][3] = {
    {{Stability::Stable, 870}, {Stability::Moderate, 115}, {Stability::Unstable, 15}},
    {{Stability::Stable, 720}, {Stability::Moderate, 220}, {Stability::Unstable, 60}},
    {{Stability::Stable, 740}, {Stability::Moderate, 215}, {Stability::Unstable, 45}},
};
// First placements are often emergency placements that end within weeks.
constexpr Span kFirstPlacementDays[] = {{300, 1, 28}, {250, 29, 180}, {250, 181, 730}, {200, 731, 3000}};
constexpr Span kStableDays[] = {{80, 14, 180}, {250, 181, 730}, {350, 731, 1800}, {320, 1801, 5000}};
constexpr Span kModerateDays[] = {{250, 7, 90}, {450, 91, 365}, {300, 366, 1000}};
constexpr Span kUnstableDays[] = {{500, 3, 45}, {400, 46, 150}, {100, 151, 400}};

// Reasons for leaving care at 18, by the final placement.
constexpr Weighted<Rec> kAdultFromFoster[] = {{Rec::E17, 500}, {Rec::E5, 300}, {Rec::E8, 200}};
constexpr Weighted<Rec> kAdultFromIndependent[] = {{Rec::E5, 600}, {Rec::E6, 250}, {Rec::E8, 150}};
constexpr Weighted<Rec> kAdultFromHome[] = {{Rec::E5, 500}, {Rec::E6, 150}, {Rec::E8, 300}, {Rec::E7, 50}};
constexpr Weighted<Rec> kAdultFromOther[] = {{Rec::E8, 550}, {Rec::E5, 400}, {Rec::E7, 50}};
constexpr Weighted<Rec> kSgoFromFoster[] = {{Rec::E46, 500}, {Rec::E48, 250}, {Rec::E47, 250}};
constexpr Weighted<Rec> kSgoFromOther[] = {{Rec::E48, 600}, {Rec::E47, 400}};
constexpr Weighted<Rec> kOtherOlder[] = {
    {Rec::E3, 250}, {Rec::E9, 120}, {Rec::E16, 150}, {Rec::E8, 450}, {Rec::E2, 30}};
constexpr Weighted<Rec> kOtherYounger[] = {{Rec::E3, 350}, {Rec::E16, 200}, {Rec::E8, 400}, {Rec::E2, 50}};
constexpr Weighted<Rec> kOtherUasc[] = {{Rec::E15, 400}, {Rec::E16, 200}, {Rec::E8, 300}, {Rec::E3, 100}};

// Review participation of children aged 4 and over (~55% PN1, PN7 ~4%).
constexpr Weighted<Pn> kParticipation[] = {{Pn::PN1, 550}, {Pn::PN2, 100}, {Pn::PN3, 70}, {Pn::PN4, 60},
                                           {Pn::PN5, 90},  {Pn::PN6, 90},  {Pn::PN7, 40}};

// ============================================================================ children

std::uint8_t local_post(Rng& rng, int local_per_mille) {
    return static_cast<std::uint8_t>(rng.per_mille(local_per_mille) ? rng.range(0, 8) : rng.range(9, 17));
}

// `asylum`: one of the unaccompanied young people who arrive apart from the others (see
// generate), aged 14 to 17.
Child draw_child(Rng& rng, int entry, bool asylum) {
    Child c{};
    int age_days = 0;
    if (asylum) {
        age_days = rng.range(5114, 6450);
        c.uasc = true;
    } else {
        const int band = pick(rng, kEntryBand);
        switch (band) {
        case 0: age_days = draw(rng, kInfantAgeDays); break;
        case 1: age_days = rng.range(365, 1825); break;
        case 2: age_days = rng.range(1826, 3652); break;
        case 3: age_days = rng.range(3653, 5843); break;
        default: age_days = rng.range(5844, 6500); break;  // leaves at least a month before 18
        }
        // A few unaccompanied asylum-seeking young people, nearly all boys aged 16-17.
        c.uasc = (band == 4 && rng.per_mille(250)) || (band == 3 && age_days >= 5113 && rng.per_mille(40));
    }
    c.male = c.uasc || rng.per_mille(545);
    c.ethnic = c.uasc ? pick(rng, kUascEthnic) : pick(rng, kEthnic);
    c.dob_true = entry - age_days;
    const Ymd b = civil_from_days(c.dob_true);
    c.dob = days_from_civil(b.y, b.m, 1);
    c.adult = days_from_civil(b.y + 18, b.m, 1);
    c.home_post = local_post(rng, 920);
    return c;
}

Ls ls_at(const std::vector<LegalEvent>& legal, int day) {
    Ls ls = legal.front().ls;
    for (const LegalEvent& e : legal) {
        if (e.day > day) break;
        ls = e.ls;
    }
    return ls;
}

int entry_band(int age) { return age < 1 ? 0 : age < 5 ? 1 : age < 10 ? 2 : age < 16 ? 3 : 4; }

int path_days(Rng& rng, Path path) {
    switch (path) {
    case Path::Home: return draw(rng, kHomeDays);
    case Path::Relatives: return draw(rng, kRelativesDays);
    case Path::Sgo: return draw(rng, kSgoDays);
    case Path::Cao: return draw(rng, kCaoDays);
    default: return draw(rng, kOtherDays);
    }
}

// ---------------------------------------------------------------------------- legal status

// Care order route to adoption: interim order, then a placement order (with or without a full
// care order first), then placement with adopters. One in five adoption plans fail and the
// placement order is revoked.
void plan_adoption(Rng& rng, const Child& c, PeriodPlan& plan, std::vector<LegalEvent>& legal, int t) {
    if (plan.consent_adoption) {
        plan.adoption_day = t + rng.range(40, 200);
        plan.end = plan.adoption_day + rng.range(120, 300);
        plan.rec = Rec::E11;
        return;
    }
    const int hearing = t + rng.range(180, 380);
    int order_day = hearing;
    if (rng.per_mille(550)) {
        legal.push_back({hearing, Ls::E1});
    } else {
        legal.push_back({hearing, Ls::C2});
        order_day = hearing + rng.range(30, 240);
        legal.push_back({order_day, Ls::E1});
    }
    if (rng.per_mille(200)) {
        const int revoked = order_day + rng.range(400, 1000);
        legal.push_back({revoked, Ls::C2});
        if (rng.per_mille(500)) {
            plan.path = Path::Sgo;
            plan.end = revoked + rng.range(200, 900);
        } else {
            plan.path = Path::To18;
            plan.end = c.adult;
        }
        return;
    }
    plan.adoption_day = order_day + rng.range(90, 400);
    plan.end = plan.adoption_day + rng.range(150, 420);
    plan.rec = rng.per_mille(400) ? Rec::E11 : Rec::E12;
}

void plan_legal(Rng& rng, const Child& c, PeriodPlan& plan, std::vector<LegalEvent>& legal) {
    legal.clear();
    const auto path_index = static_cast<std::size_t>(plan.path);
    Ls ls = c.uasc ? Ls::V2 : pick(rng, kEntryLs[path_index]);
    int t = plan.start;
    legal.push_back({t, ls});
    const bool court = plan.path == Path::Adopt || plan.path == Path::Sgo || plan.path == Path::Cao;
    if (plan.path == Path::Adopt && ls == Ls::V2 && rng.per_mille(500)) plan.consent_adoption = true;

    if (ls == Ls::L1 || ls == Ls::L2) {
        // Police protection lasts up to 72 hours, an emergency protection order up to 8 days.
        t += ls == Ls::L1 ? rng.range(1, 3) : rng.range(2, 8);
        ls = court || rng.per_mille(550) ? Ls::C1 : Ls::V2;
        if (rng.per_mille(400)) plan.legal_move_day = t;
        legal.push_back({t, ls});
    } else if (ls == Ls::J1) {
        t += rng.range(14, 180);
        if (plan.path == Path::Other && rng.per_mille(600)) {
            plan.end = t;
            plan.rec = Rec::E14;
            return;
        }
        plan.legal_move_day = t;
        plan.leaves_custody = true;
        ls = Ls::V2;
        legal.push_back({t, ls});
    }
    if (ls == Ls::V2 && !c.uasc && !plan.consent_adoption && rng.per_mille(kV2ToCareOrder[path_index])) {
        t += plan.path == Path::Adopt ? rng.range(20, 120) : rng.range(30, 300);
        ls = Ls::C1;
        legal.push_back({t, ls});
    }
    if (plan.path == Path::Adopt) {
        plan_adoption(rng, c, plan, legal, t);
        return;
    }
    // The final hearing: 26 weeks is the target, often missed.
    if (ls == Ls::C1) legal.push_back({t + rng.range(180, 380), Ls::C2});
}

// Keep the legal timeline strictly increasing, without repeats, and inside the period.
void tidy_legal(std::vector<LegalEvent>& legal, int end) {
    std::size_t kept = 1;
    for (std::size_t i = 1; i < legal.size(); ++i) {
        const LegalEvent e = legal[i];
        if (e.day >= end || e.day <= legal[kept - 1].day || e.ls == legal[kept - 1].ls) continue;
        legal[kept++] = e;
    }
    legal.resize(kept);
}

// ---------------------------------------------------------------------------- placements

Placement from_home(const std::vector<Home>& pool, Rng& rng, Place place) {
    const Home& h = pool[static_cast<std::size_t>(rng.below(pool.size()))];
    Placement p{};
    p.place = place;
    p.provider = h.provider;
    p.post = h.post;
    p.urn = h.urn;
    return p;
}

Placement make_placement(Rng& rng, const Setting& s, const Child& c, Kind kind, int day, bool long_term) {
    Placement p{};
    switch (kind) {
    case Kind::Kin:
        p.place = long_term ? Place::U1 : Place::U3;
        p.provider = Provider::PR1;
        p.post = local_post(rng, 700);
        break;
    case Kind::Foster:
        p.place = long_term ? Place::U4 : Place::U6;
        p.provider = pick(rng, kFosterProvider);
        p.post = local_post(rng, p.provider == Provider::PR1 ? 850 : 550);
        break;
    case Kind::Parents:
        p.place = Place::P1;
        p.provider = Provider::PR0;
        p.post = rng.per_mille(700) ? c.home_post : kNoPost;
        break;
    case Kind::Home: p = from_home(s.homes, rng, Place::K2); break;
    case Kind::Independent:
        p.place = day >= s.supported_accommodation_day ? Place::K3 : rng.per_mille(600) ? Place::H5 : Place::P2;
        p.provider = pick(rng, kIndependentProvider);
        p.post = local_post(rng, 600);
        break;
    case Kind::Secure: p = from_home(s.secure, rng, Place::K1); break;
    case Kind::Custody:
        p.place = Place::R5;
        p.provider = Provider::PR3;
        p.post = local_post(rng, 200);
        break;
    case Kind::Health:
        p.place = Place::R2;
        p.provider = Provider::PR3;
        p.post = local_post(rng, 500);
        break;
    case Kind::MotherBaby:
        p.place = Place::R3;
        p.provider = Provider::PR4;
        p.post = local_post(rng, 400);
        break;
    case Kind::School:
        p.place = Place::S1;
        p.provider = rng.per_mille(600) ? Provider::PR4 : Provider::PR5;
        p.post = local_post(rng, 300);
        break;
    case Kind::Residential: p = from_home(s.residential, rng, Place::R1); break;
    case Kind::Other:
        p.place = Place::Z1;
        if (day >= s.z_split_day) p.place = static_cast<Place>(static_cast<int>(Place::Z11) + rng.range(0, 3));
        p.provider = Provider::PR4;
        p.post = local_post(rng, 400);
        break;
    }
    p.day = day;
    return p;
}

Kind choose_kind(Rng& rng, const Child& c, Ls ls, int day) {
    const int age = age_years(c.dob, day);
    if (ls == Ls::J1 && age >= 12 && rng.per_mille(600)) return rng.per_mille(500) ? Kind::Secure : Kind::Custody;
    if (c.uasc) return age >= 16 ? pick(rng, kUascKindOlder) : pick(rng, kUascKindYounger);
    const int group = age < 5 ? 0 : age < 10 ? 1 : age < 13 ? 2 : age < 16 ? 3 : 4;
    Kind kind = pick_index<Kind>(rng, kKindByAge[group]);
    if (kind == Kind::MotherBaby && age >= 1) kind = Kind::Foster;
    // Only a child subject to a care order can be placed with parents.
    if (kind == Kind::Parents && ls != Ls::C1 && ls != Ls::C2) kind = Kind::Foster;
    return kind;
}

Placement regular_move(Rng& rng, const Setting& s, const Child& c, Ls ls, int day) {
    const bool long_term = ls == Ls::C2 && age_years(c.dob, day) >= 5 && rng.per_mille(350);
    Placement p = make_placement(rng, s, c, choose_kind(rng, c, ls, day), day, long_term);
    p.reason = pick(rng, kMoveReason);
    return p;
}

Placement first_placement(Rng& rng, const Setting& s, const Child& c, const PeriodPlan& plan, Ls ls) {
    Placement p{};
    if (plan.path == Path::Adopt && !plan.consent_adoption && rng.per_mille(300)) {
        // Fostering for adoption: carers approved as adopters from the start.
        p = make_placement(rng, s, c, rng.per_mille(170) ? Kind::Kin : Kind::Foster, plan.start, false);
        p.place = p.place == Place::U3 ? Place::U2 : Place::U5;
        p.provider = Provider::PR1;
    } else {
        p = make_placement(rng, s, c, choose_kind(rng, c, ls, plan.start), plan.start, false);
    }
    p.same_carer = false;
    p.reason = Rpc::None;
    return p;
}

// Moves that the plan dictates rather than chance.
void collect_forced(Rng& rng, const Child& c, const PeriodPlan& plan, const std::vector<LegalEvent>& legal,
                    std::vector<ForcedMove>& forced) {
    forced.clear();
    const int start = plan.start;
    const int end = plan.end;
    if (plan.adoption_day < end) forced.push_back({plan.adoption_day, Forced::Adoption});
    if (plan.legal_move_day < end) forced.push_back({plan.legal_move_day, Forced::LegalMove});
    if (plan.path == Path::Home && end - start > 120 && rng.per_mille(450)) {
        const int d = end - rng.range(30, std::min(300, end - start - 60));
        const Ls ls = ls_at(legal, d);
        if (ls == Ls::C1 || ls == Ls::C2) forced.push_back({d, Forced::Parents});
    }
    const auto full_order =
        std::find_if(legal.begin(), legal.end(), [](const LegalEvent& e) { return e.ls == Ls::C2; });
    if (full_order != legal.end() && plan.path == Path::To18 && !c.uasc && rng.per_mille(100)) {
        const int d = full_order->day + rng.range(30, 700);
        if (d < end - 60) forced.push_back({d, Forced::Parents});
    }
    // The final hearing often confirms the current foster carers as long-term carers (RNE U).
    if (full_order != legal.end() && (plan.path == Path::To18 || plan.path == Path::Sgo) && rng.per_mille(250)) {
        forced.push_back({full_order->day, Forced::Match});
    }
    if (plan.path == Path::Sgo && rng.per_mille(550)) {
        const int d = start + rng.range(14, 200);
        if (d < end - 30) forced.push_back({d, Forced::KinFinal});
    }
    if (plan.path == Path::To18 && !c.uasc && rng.per_mille(450)) {
        const int d = std::max(start + 30, birthday(c.dob, 16) + rng.range(0, 540));
        if (d < end - 30) forced.push_back({d, Forced::Independent});
    }
    // A total order (day, then kind), so the result never depends on the sort's implementation.
    std::sort(forced.begin(), forced.end(), [](const ForcedMove& x, const ForcedMove& y) {
        return x.day != y.day ? x.day < y.day : x.kind < y.kind;
    });
}

Placement forced_placement(Rng& rng, const Setting& s, const Child& c, const PeriodPlan& plan,
                           const std::vector<LegalEvent>& legal, const Placement& current, Forced kind, int day) {
    Placement p{};
    switch (kind) {
    case Forced::Adoption: {
        const bool with_carer = current.place == Place::U5 || current.place == Place::U2 ||
                                (is_foster(current.place) && rng.per_mille(250));
        if (with_carer) {
            p = current;
            p.urn = 0;
            p.same_carer = true;
            p.reason = Rpc::PLACE;
        } else {
            p.provider = pick(rng, kAdoptionProvider);
            p.post = local_post(rng, 450);
            p.reason = Rpc::LAREQ;
        }
        p.place = plan.consent_adoption ? (with_carer ? Place::A3 : Place::A4) : (with_carer ? Place::A5 : Place::A6);
        break;
    }
    case Forced::Parents:
        p = make_placement(rng, s, c, Kind::Parents, day, false);
        p.reason = Rpc::LAREQ;
        break;
    case Forced::KinFinal:
        p = make_placement(rng, s, c, Kind::Kin, day, false);
        p.reason = Rpc::LAREQ;
        break;
    case Forced::Independent:
        p = make_placement(rng, s, c, Kind::Independent, day, false);
        p.reason = pick(rng, kIndependentReason);
        break;
    case Forced::LegalMove:
        p = make_placement(rng, s, c, choose_kind(rng, c, ls_at(legal, day), day), day, false);
        p.reason = plan.leaves_custody ? Rpc::CUSTOD : Rpc::LAREQ;
        break;
    case Forced::Match: p = current; break;  // handled by the caller
    }
    p.day = day;
    return p;
}

int placement_days(Rng& rng, Stability cls, bool first) {
    switch (cls) {
    case Stability::Stable: return first ? draw(rng, kFirstPlacementDays) : draw(rng, kStableDays);
    case Stability::Moderate: return draw(rng, kModerateDays);
    case Stability::Unstable: return draw(rng, kUnstableDays);
    }
    return draw(rng, kStableDays);
}

// Short-term foster carers become the child's long-term carers: same carers, new code.
Placement long_term(const Placement& current) {
    Placement p = current;
    p.place = current.place == Place::U3 ? Place::U1 : Place::U4;
    p.same_carer = true;
    p.reason = Rpc::PLACE;
    return p;
}

// Short-term carers often become the child's long-term carers (RNE T, same carer).
int schedule_match(Rng& rng, const Child& c, const PeriodPlan& plan, const Placement& p) {
    if (p.place != Place::U3 && p.place != Place::U6) return kNever;
    if (plan.path != Path::To18 && plan.path != Path::Sgo) return kNever;
    if (age_years(c.dob, p.day) < 2 || !rng.per_mille(350)) return kNever;
    return p.day + rng.range(120, 540);
}

void plan_placements(Rng& rng, const Setting& s, const Child& c, const PeriodPlan& plan, Scratch& w) {
    std::vector<Placement>& out = w.placements;
    const std::vector<ForcedMove>& forced = w.forced;
    out.clear();
    collect_forced(rng, c, plan, w.legal, w.forced);
    const int age = age_years(c.dob, plan.start);
    const Stability cls = pick(rng, kStabilityByAge[age < 10 ? 0 : age < 16 ? 1 : 2]);

    Placement cur = first_placement(rng, s, c, plan, ls_at(w.legal, plan.start));
    out.push_back(cur);
    bool locked = false;  // the plan's final placement: no more chance moves
    int next_move = cur.day + placement_days(rng, cls, true);
    int match_day = schedule_match(rng, c, plan, cur);
    std::size_t f = 0;
    for (;;) {
        while (f < forced.size() && forced[f].day <= cur.day) ++f;
        const int forced_day = f < forced.size() ? forced[f].day : kNever;
        const bool retired = cur.place == Place::H5 || cur.place == Place::P2;
        const int convert_day =
            retired && s.supported_accommodation_day > cur.day ? s.supported_accommodation_day : kNever;
        const int move_day = locked ? kNever : next_move;
        const int day = std::min({forced_day, convert_day, match_day, move_day});
        if (day >= plan.end) break;

        Placement next{};
        if (day == forced_day) {
            const Forced kind = forced[f].kind;
            ++f;
            if (kind == Forced::LegalMove && locked) continue;
            if (kind == Forced::Match) {
                if (cur.place != Place::U3 && cur.place != Place::U6) continue;
                next = long_term(cur);
            } else {
                next = forced_placement(rng, s, c, plan, w.legal, cur, kind, day);
                locked = locked || kind != Forced::LegalMove;
            }
        } else if (day == convert_day) {
            // Registered supported accommodation replaced H5/P2: same home, new code.
            next = cur;
            next.place = Place::K3;
            next.same_carer = true;
            next.reason = Rpc::PLACE;
        } else if (day == match_day) {
            next = long_term(cur);
        } else {
            next = regular_move(rng, s, c, ls_at(w.legal, day), day);
        }
        next.day = day;
        if (!next.same_carer) {
            next_move = day + placement_days(rng, cls, false);
            match_day = schedule_match(rng, c, plan, next);
        } else if (next.place != Place::U3 && next.place != Place::U6) {
            match_day = kNever;
        }
        out.push_back(next);
        cur = next;
    }
}

// ---------------------------------------------------------------------------- periods

Rec exit_reason(Rng& rng, const Child& c, const PeriodPlan& plan, Place last) {
    if (plan.rec != Rec::X1) return plan.rec;
    switch (plan.path) {
    case Path::Home: return rng.per_mille(800) ? Rec::E4A : Rec::E4B;
    case Path::Relatives: return Rec::E13;
    case Path::Adopt: return rng.per_mille(400) ? Rec::E11 : Rec::E12;
    case Path::Sgo:
        if (is_kin(last)) return rng.per_mille(850) ? Rec::E45 : Rec::E47;
        return is_foster(last) ? pick(rng, kSgoFromFoster) : pick(rng, kSgoFromOther);
    case Path::Cao: return Rec::E41;
    case Path::To18:
        if (is_foster(last)) return pick(rng, kAdultFromFoster);
        if (is_independent(last)) return pick(rng, kAdultFromIndependent);
        if (last == Place::K2) return pick(rng, kAdultFromHome);
        return pick(rng, kAdultFromOther);
    case Path::Other:
        if (c.uasc) return pick(rng, kOtherUasc);
        return age_years(c.dob, plan.end) >= 12 ? pick(rng, kOtherOlder) : pick(rng, kOtherYounger);
    }
    return Rec::E8;
}

PeriodPlan plan_period(Rng& rng, const Setting& s, const Child& c, int start, Scratch& w) {
    PeriodPlan plan;
    plan.start = start;
    const int band = entry_band(age_years(c.dob, start));
    plan.path = c.uasc ? pick(rng, kUascPath) : pick_index<Path>(rng, kPathByBand[band]);
    if (plan.path == Path::To18) {
        plan.end = c.adult;
    } else if (plan.path == Path::Adopt) {
        plan.end = kNever;  // set by the adoption timetable
    } else {
        plan.end = start + path_days(rng, plan.path);
    }
    plan_legal(rng, c, plan, w.legal);
    if (plan.end >= c.adult) {
        // Everyone leaves care by their 18th birthday.
        plan.end = c.adult;
        plan.path = Path::To18;
        plan.rec = Rec::X1;
        plan.adoption_day = kNever;
    }
    tidy_legal(w.legal, plan.end);
    plan_placements(rng, s, c, plan, w);
    return plan;
}

// Cut the legal and placement timelines into 903 episodes: a new episode whenever either changes.
void assemble(const PeriodPlan& plan, Cin cin, Rec rec, const Child& c, const Scratch& w, std::vector<Episode>& out) {
    const std::vector<LegalEvent>& legal = w.legal;
    const std::vector<Placement>& placements = w.placements;
    std::size_t li = 0;
    std::size_t pi = 0;
    int day = plan.start;
    Rne rne = Rne::S;
    Rpc rpc = Rpc::None;
    for (;;) {
        const int next_legal = li + 1 < legal.size() ? legal[li + 1].day : kNever;
        const int next_place = pi + 1 < placements.size() ? placements[pi + 1].day : kNever;
        const int stop = std::min({next_legal, next_place, plan.end});
        const Placement& p = placements[pi];
        const bool last = stop == plan.end;
        out.push_back(Episode{day, stop, rne, legal[li].ls, cin, p.place, p.provider, last ? rec : Rec::X1, rpc,
                              c.home_post, p.post, has_urn(p.place) ? p.urn : 0});
        if (last) break;
        const bool legal_change = next_legal == stop;
        const bool place_change = next_place == stop;
        // Several changes on one day make one new episode: a 903 episode cannot start and end
        // on the same day, and (CHILD, DECOM) must stay unique.
        while (li + 1 < legal.size() && legal[li + 1].day == stop) ++li;
        while (pi + 1 < placements.size() && placements[pi + 1].day == stop) ++pi;
        const bool same = placements[pi].same_carer;
        if (legal_change && place_change) {
            rne = same ? Rne::U : Rne::B;
        } else if (legal_change) {
            rne = Rne::L;
        } else {
            rne = same ? Rne::T : Rne::P;
        }
        rpc = place_change ? placements[pi].reason : Rpc::None;
        day = stop;
    }
}

Pn review_code(Rng& rng, const Child& c, int day) {
    return age_years(c.dob, day) < 4 ? Pn::PN0 : pick(rng, kParticipation);
}

// First review within 20 working days (about 10% late), the second within 3 months, then every
// 6 months; about 5% of the later ones slip by days to weeks.
void plan_reviews(Rng& rng, const Child& c, int start, int stop, int keep_from, std::vector<ReviewRow>& out) {
    int working_days = 0;
    if (rng.per_mille(100)) {
        working_days = rng.range(21, 40);
    } else {
        working_days = rng.per_mille(750) ? rng.range(15, 20) : rng.range(8, 14);
    }
    int day = add_weekdays(start, working_days);
    int held = 0;
    while (day < stop) {
        if (day >= keep_from) out.push_back({day, review_code(rng, c, day)});
        const int due = add_months(day, held == 0 ? 3 : 6);
        ++held;
        int next = 0;
        if (rng.per_mille(50)) {
            next = due + rng.range(1, held == 1 ? 30 : 45);
            while (is_weekend(next)) ++next;
        } else {
            next = due - rng.range(0, held == 1 ? 20 : 40);
            while (is_weekend(next)) --next;
        }
        day = next;
    }
}

int reentry_chance(Rec rec) {
    switch (rec) {
    case Rec::E4A: return 150;
    case Rec::E4B: return 250;
    case Rec::E13: return 100;
    case Rec::E41: return 40;
    case Rec::E45:
    case Rec::E46:
    case Rec::E47:
    case Rec::E48: return 20;
    case Rec::E8: return 60;
    case Rec::E9: return 150;
    default: return 0;
    }
}

// One child's whole care history from first entry: periods of care, and reviews from
// `review_from` up to `horizon` when asked for.
void simulate_child(Rng& rng, const Setting& s, int entry, int horizon, int review_from, bool with_reviews,
                    Scratch& w, bool asylum = false) {
    w.episodes.clear();
    w.periods.clear();
    w.reviews.clear();
    w.child = draw_child(rng, entry, asylum);
    const Child& c = w.child;
    int start = entry;
    for (;;) {
        const PeriodPlan plan = plan_period(rng, s, c, start, w);
        const Cin cin = c.uasc ? pick(rng, kUascNeed) : pick(rng, kNeed);
        const Rec rec = exit_reason(rng, c, plan, w.placements.back().place);
        assemble(plan, cin, rec, c, w, w.episodes);
        w.periods.push_back({start, plan.end});
        if (with_reviews && plan.end > review_from) {
            plan_reviews(rng, c, start, std::min(plan.end, horizon + 1), review_from, w.reviews);
        }
        const int chance = reentry_chance(rec);
        if (chance == 0 || !rng.per_mille(chance)) break;
        start = plan.end + draw(rng, kReentryGap);
        if (start > horizon || start > c.adult - 120) break;
    }
}

// Disabled children on short breaks (V3 single / V4 series: a child has one or the other):
// a few children with many short episodes, which careboard leaves out of every count.
void simulate_short_breaks(Rng& rng, const Setting& s, int window_start, int horizon, Scratch& w) {
    w.episodes.clear();
    w.periods.clear();
    w.reviews.clear();
    const int start = rng.range(window_start, horizon);
    Child c{};
    c.dob_true = start - rng.range(4 * 365, 14 * 365);
    const Ymd b = civil_from_days(c.dob_true);
    c.dob = days_from_civil(b.y, b.m, 1);
    c.adult = days_from_civil(b.y + 18, b.m, 1);
    c.male = rng.per_mille(600);
    c.uasc = false;
    c.ethnic = pick(rng, kEthnic);
    c.home_post = local_post(rng, 950);
    w.child = c;
    const bool series = rng.per_mille(850);
    const Ls ls = series ? Ls::V4 : Ls::V3;
    const int stop = std::min({c.adult - 1, start + rng.range(365, 1800), horizon + 400});
    const int breaks = series ? kNever : rng.range(1, 3);
    const Cin cin = rng.per_mille(850) ? Cin::N2 : Cin::N1;
    const bool in_home = rng.per_mille(600);
    const Placement respite = in_home ? from_home(s.homes, rng, Place::K2)
                                      : make_placement(rng, s, c, Kind::Foster, start, false);
    int day = start;
    for (int n = 0; n < breaks; ++n) {
        const int end = day + rng.range(1, 4);
        if (end > stop) break;
        // Short-break episodes carry no placement postcode or URN (903 rule 214).
        w.episodes.push_back(Episode{day, end, Rne::S, ls, cin, respite.place, respite.provider, Rec::E13, Rpc::None,
                                     c.home_post, kNoPost, 0});
        day = end + rng.range(10, 50);
    }
}

// ============================================================================ population size

// How many of a cohort entering on the same day are in care d days later (periods of care
// counted, short breaks are not). With arrival weights w(t), the expected number in care on
// the last day T is k * sum_t w(t) * q(T - t), which fixes the arrival scale k.
std::vector<std::uint32_t> in_care_after(const Setting& s, int calibration_children, int length) {
    std::vector<std::int64_t> diff(static_cast<std::size_t>(length) + 1, 0);
    Scratch w;
    const int entry = days_from_civil(2010, 1, 4);
    for (int i = 0; i < calibration_children; ++i) {
        Rng rng(stream_seed(kCalibrationSeed, kCalibrationStream, static_cast<std::uint64_t>(i)));
        simulate_child(rng, s, entry, kFarFuture, kFarFuture, false, w);
        for (const Period& p : w.periods) {
            const int a = p.start - entry;
            const int b = std::min(p.end - entry, length);
            if (a >= length || b <= a) continue;
            ++diff[static_cast<std::size_t>(a)];
            --diff[static_cast<std::size_t>(b)];
        }
    }
    std::vector<std::uint32_t> q(static_cast<std::size_t>(length), 0);
    std::int64_t running = 0;
    for (std::size_t i = 0; i < q.size(); ++i) {
        running += diff[i];
        q[i] = static_cast<std::uint32_t>(running);
    }
    return q;
}

// Arrivals: fewer at weekends, and in the last six years a gentle rise (5% a year) so that the
// trend pages have something to show.
std::uint64_t arrival_weight(int day, int trend_start) {
    const int wd = weekday(day);
    const std::uint64_t base = wd == 0 ? 35 : wd == 6 ? 45 : 100;
    const std::uint64_t growth =
        1000 + (day > trend_start ? static_cast<std::uint64_t>(day - trend_start) * 50 / 365 : 0);
    return base * growth;
}

// ============================================================================ setting

Setting make_setting(std::uint64_t seed, int children) {
    Setting s{};
    s.supported_accommodation_day = days_from_civil(2023, 10, 28);
    s.z_split_day = days_from_civil(2025, 4, 1);
    Rng rng(stream_seed(seed, kSettingStream, 0));
    // Unique fake 7-digit URNs: an affine permutation of 0..8,999,999 (the multiplier is
    // coprime with 9,000,000) shifted into 1,000,000..9,999,999.
    const std::uint64_t offset = rng.below(9'000'000);
    std::uint64_t next_index = 0;
    auto fill = [&](std::vector<Home>& pool, int count, int local_per_mille, auto provider) {
        for (int i = 0; i < count; ++i) {
            const std::uint64_t urn = (next_index++ * 2654435761ULL + offset) % 9'000'000 + 1'000'000;
            pool.push_back({static_cast<std::uint32_t>(urn), local_post(rng, local_per_mille), provider(rng)});
        }
    };
    fill(s.homes, std::max(4, children / 25), 350, [](Rng& r) { return pick(r, kHomeProvider); });
    fill(s.secure, std::max(2, children / 1500), 200,
         [](Rng& r) { return r.per_mille(500) ? Provider::PR1 : Provider::PR2; });
    fill(s.residential, std::max(2, children / 800), 300, [](Rng&) { return Provider::PR4; });
    return s;
}

// ============================================================================ pseudonyms

// Eight-digit CHILD ids that reveal nothing about order of entry: a keyed Feistel permutation
// of 28-bit numbers, cycle-walked into 0..89,999,999 and shifted to 10,000,000..99,999,999.
class Pseudonyms {
public:
    explicit Pseudonyms(std::uint64_t seed) {
        Rng rng(stream_seed(seed, kIdStream, 0));
        for (auto& k : keys_) k = rng.next();
    }

    std::uint32_t operator()(std::uint32_t index) const {
        std::uint32_t x = index;
        do {
            x = permute(x);
        } while (x >= 90'000'000U);
        return x + 10'000'000U;
    }

private:
    std::uint32_t permute(std::uint32_t x) const {
        std::uint32_t left = x >> 14;
        std::uint32_t right = x & 0x3FFFU;
        for (const std::uint64_t key : keys_) {
            const auto f = static_cast<std::uint32_t>(hash64(key ^ right) & 0x3FFFU);
            const std::uint32_t mixed = left ^ f;
            left = right;
            right = mixed;
        }
        return (left << 14) | right;
    }

    std::array<std::uint64_t, 4> keys_{};
};

// ============================================================================ the other 903 tables
// Missing and away incidents, UASC status, OC2 (health and offending), OC3 (care leavers), AD1
// and placed for adoption, previous permanence and social worker episodes. They follow each
// child's simulated care (an incident starts on a day in care, an adoption's dates are its
// episodes' dates) but draw from PRNG streams of their own, so that the episodes and reviews
// are what they would be without them.

struct MissingRow {
    int start;
    int end;  // kNever: not recorded
    bool away;
};

// A social worker allocated to a child, from `start` to `end` (the day care ended, or the
// change of worker).
struct SwRow {
    int start;
    int end;
    std::uint16_t worker;
    std::uint8_t reason;  // index into kSwReasonText; 0 = none (the allocation at the start of care)
};

struct AdoptionFacts {
    int placed;   // DECOM of the first A3-A6 episode
    int ceased;   // the day the adoption ended care; kNever while the placement goes on
    Rec rec;      // E11 or E12 when ceased
    int decided;  // DATE_INT
    int matched;  // DATE_MATCH
    bool foster_care;
    std::uint8_t adopters;  // 1 or 2
    std::uint8_t sex;       // index into kAdopterSexText
    std::uint8_t status;    // index into kAdopterStatusText
};

enum class PrevPerm : std::uint8_t { Z1, P1, P2, P3 };
constexpr std::string_view kPrevPermText[] = {"Z1", "P1", "P2", "P3"};

// Previous permanence of the periods of care that start on or after `from`.
struct PermanenceRow {
    int from;
    PrevPerm code;
    std::uint16_t la;  // old 3-digit LA code; 0 with Z1
    int date;          // with P1-P3
};

// ~88% no previous permanence (or not known), 2% adopted, 6% special guardianship, 4% a
// residence or child arrangements order.
constexpr Weighted<PrevPerm> kPrevPerm[] = {
    {PrevPerm::Z1, 880}, {PrevPerm::P1, 20}, {PrevPerm::P2, 60}, {PrevPerm::P3, 40}};

// Missing (M) and away (A) incidents: a child's propensity (none, some, high) times a base rate
// per mille by age, for a year in care; a tenth of children looked after in a year go missing,
// about as many are away, with several incidents each.
constexpr Weighted<int> kMissingRisk[] = {{0, 450}, {1, 350}, {2, 200}};
constexpr Span kMissingCount[] = {{450, 1, 2}, {300, 3, 6}, {200, 7, 12}, {50, 13, 25}};
constexpr Span kAwayCount[] = {{500, 1, 2}, {330, 3, 6}, {170, 7, 12}};
constexpr Span kMissingDays[] = {{500, 0, 1}, {350, 2, 5}, {130, 6, 20}, {20, 21, 60}};

int missing_base(int age, bool away) {
    if (age >= 14) return away ? 330 : 360;
    if (age >= 12) return away ? 200 : 210;
    if (age >= 8) return 30;
    return 0;
}

// Social workers: a duty or assessment worker for the first weeks of most periods of care, then
// allocations of some months to a few years (a quarter of children in care at 31 March have had
// three or more workers in the year).
constexpr Span kSwDays[] = {{350, 30, 170}, {400, 171, 400}, {250, 401, 900}};
constexpr std::string_view kSwReasonText[] = {"",       "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC",
                                              "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"};
constexpr std::uint8_t kSwTransfer = 5;  // TSPROC: from the duty or assessment team
constexpr int kSwReason[] = {0, 220, 90, 300, 60, 150, 70, 40, 30, 1, 39};

// Adopters: couples 85% (mostly mixed-sex), single adopters 15%.
constexpr std::string_view kAdopterSexText[] = {"MF", "MM", "FF", "M1", "F1"};
constexpr std::string_view kAdopterStatusText[] = {"L0", "L11", "L12", "L2", "L4"};

// OC2: health checks and SDQ scores of the children looked after for a year at 31 March.
constexpr Span kSdqScore[] = {{480, 0, 13}, {200, 14, 16}, {290, 17, 27}, {30, 28, 40}};
constexpr int kSdqReason[] = {0, 50, 200, 150, 400, 200};  // SDQ1..SDQ5 when no score (index 0 unused)

// OC3: care leavers on their 17th to 21st birthday.
enum class InTouch : std::uint8_t { YES, NO, REFU, NREQ, DIED, RHOM };
constexpr std::string_view kInTouchText[] = {"YES", "NO", "REFU", "NREQ", "DIED", "RHOM"};
constexpr Weighted<InTouch> kInTouch[] = {{InTouch::YES, 900}, {InTouch::NO, 38},  {InTouch::REFU, 25},
                                          {InTouch::NREQ, 22}, {InTouch::DIED, 3}, {InTouch::RHOM, 12}};
// Activity of those in touch: EET about two in three (more at 17-18), NEET about one in three.
constexpr std::string_view kActivText[] = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"};
constexpr int kActivity[2][11] = {/* 17-18 */ {20, 5, 300, 60, 40, 10, 120, 100, 50, 200, 40},
                                  /* 19-21 */ {80, 10, 110, 40, 50, 10, 200, 150, 70, 200, 80}};
// Accommodation of those in touch: at 17-18 more with former foster carers (staying put) and in
// semi-independent homes, at 19-21 more living independently.
constexpr char kAccomLetter[] = {'B', 'C', 'D', 'E', 'G', 'H', 'K', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z'};
constexpr int kAccommodation[2][16] = {
    //   B   C    D   E  G  H   K   R  S   T    U   V   W   X   Y    Z
    {130, 40, 200, 90, 3, 2, 20, 10, 5, 30, 120, 10, 5, 25, 40, 220},
    {120, 10, 120, 40, 5, 3, 60, 12, 10, 20, 450, 10, 10, 30, 40, 80}};

// Old-style 3-digit codes of the fictional authorities (benchmarks.hpp: the authority is 999, the
// others 950 onwards).
std::uint16_t other_la(Rng& rng) {
    return static_cast<std::uint16_t>(rng.per_mille(650) ? 999 : 950 + rng.range(0, 14));
}

struct TableSetting {
    std::uint64_t seed;
    int first_year;
    int last_year;
    int first_day;
    int last_day;
    int sw_from;  // first day of the first return that has social worker episodes; kNever: none
    int workers;  // social workers in the authority's pool
};

// The first return year with social worker episodes (collection year 2023-24).
constexpr int kFirstSwYear = 2024;

// ============================================================================ output

struct StoredChild {
    std::uint32_t id;
    int dob;
    bool male;
    bool uasc;
    std::string_view ethnic;
    std::uint32_t first_episode;
    std::uint32_t end_episode;
    std::uint32_t first_review;
    std::uint32_t end_review;
    std::uint32_t first_missing;
    std::uint32_t end_missing;
    std::uint32_t first_sw;
    std::uint32_t end_sw;
    std::uint32_t first_perm;
    std::uint32_t end_perm;
    std::int32_t adoption;  // index into Population::adoptions; -1 when never placed for adoption
    int left_care;          // the end of a care leaver's last period of care; kNever when not one
};

struct Population {
    std::vector<StoredChild> children;  // sorted by id
    std::vector<Episode> episodes;
    std::vector<ReviewRow> reviews;
    std::vector<MissingRow> missing;
    std::vector<SwRow> sw;
    std::vector<PermanenceRow> permanence;
    std::vector<AdoptionFacts> adoptions;
    // Care leavers with no episode in the window (they left before it): only their header and
    // OC3 rows are written. Kept apart until pseudonyms are given, so that the other children's
    // pseudonyms do not depend on them.
    std::vector<StoredChild> leavers;
};

// ---------------------------------------------------------------------------- drawn when stored

// A care leaver (a former relevant child) was looked after for at least 13 weeks after their
// 14th birthday, some of it after their 16th: the day their last period of care ended, or kNever.
int care_leaver_since(const Scratch& w) {
    if (w.periods.empty()) return kNever;
    const int b14 = birthday(w.child.dob, 14);
    const int b16 = birthday(w.child.dob, 16);
    int after14 = 0;
    bool after16 = false;
    for (const Period& p : w.periods) {
        after14 += std::max(0, p.end - std::max(p.start, b14));
        after16 = after16 || p.end > b16;
    }
    return after14 >= 91 && after16 ? w.periods.back().end : kNever;
}

// The care leaver's age on their birthday in [from, to] when it is their 17th to 21st and they
// had left care by then; 0 when they have no OC3 row for that span.
int oc3_age(int dob, int left_care, int from, int to) {
    if (left_care == kNever) return 0;
    for (int age = 17; age <= 21; ++age) {
        const int day = birthday(dob, age);
        if (day >= from && day <= to && left_care <= day) return age;
    }
    return 0;
}

void plan_missing(Rng& rng, const Scratch& w, const TableSetting& ts, std::vector<MissingRow>& out) {
    const int risk = pick(rng, kMissingRisk);
    if (risk == 0 || w.periods.empty()) return;
    const std::size_t first = out.size();
    for (int year = ts.first_year; year <= ts.last_year; ++year) {
        const int from = days_from_civil(year - 1, 4, 1);
        const int to = days_from_civil(year, 3, 31);
        int days = 0;
        int first_in = kNever;
        for (const Period& p : w.periods) {
            const int a = std::max(p.start, from);
            const int b = std::min(p.end - 1, to);
            if (b < a) continue;
            days += b - a + 1;
            first_in = std::min(first_in, a);
        }
        if (days == 0) continue;
        const int age = age_years(w.child.dob, first_in);
        for (const bool away : {false, true}) {
            const int chance = missing_base(age, away) * risk * std::min(days, 183) / 183;
            if (chance == 0 || !rng.per_mille(chance)) continue;
            const int incidents = away ? draw(rng, kAwayCount) : draw(rng, kMissingCount);
            for (int k = 0; k < incidents; ++k) {
                // A day in care this year, counted through the periods of care.
                int r = rng.range(0, days - 1);
                int start = kNever;
                for (const Period& p : w.periods) {
                    const int a = std::max(p.start, from);
                    const int b = std::min(p.end - 1, to);
                    if (b < a) continue;
                    if (r <= b - a) {
                        start = a + r;
                        break;
                    }
                    r -= b - a + 1;
                }
                const int length = draw(rng, kMissingDays);
                out.push_back({start, rng.per_mille(40) ? kNever : start + length, away});
            }
        }
    }
    // In date order, one incident per day (MIS_START is the key).
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), [](const MissingRow& x, const MissingRow& y) {
        if (x.start != y.start) return x.start < y.start;
        if (x.away != y.away) return y.away;
        return x.end < y.end;
    });
    const auto last = std::unique(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                                  [](const MissingRow& x, const MissingRow& y) { return x.start == y.start; });
    out.erase(last, out.end());
}

void plan_social_workers(Rng& rng, const Scratch& w, const TableSetting& ts, std::vector<SwRow>& out) {
    if (ts.sw_from == kNever) return;
    const auto workers = static_cast<std::uint64_t>(ts.workers);
    for (const Period& p : w.periods) {
        if (p.end < ts.sw_from || p.start > ts.last_day) continue;
        int start = p.start;
        auto worker = static_cast<std::uint16_t>(rng.below(workers));
        std::uint8_t reason = 0;
        const bool duty = rng.per_mille(550);
        int length = duty ? rng.range(10, 90) : draw(rng, kSwDays);
        bool transfer = duty;
        for (;;) {
            const int end = std::min(start + length, p.end);
            if (end >= ts.sw_from && start <= ts.last_day) out.push_back({start, end, worker, reason});
            if (end >= p.end || end > ts.last_day) break;
            start = end;
            auto next = static_cast<std::uint16_t>(rng.below(workers - 1));
            if (next >= worker) ++next;
            worker = next;
            reason = transfer ? kSwTransfer : pick_index<std::uint8_t>(rng, kSwReason);
            transfer = false;
            length = draw(rng, kSwDays);
        }
    }
}

// The AD1 and placed-for-adoption facts of a child placed for adoption: the decision and the
// match fall between the placement order (or the start of care) and the move to the adopters.
std::int32_t plan_adoption_tables(Rng& rng, const Scratch& w, std::vector<AdoptionFacts>& out) {
    const std::vector<Episode>& eps = w.episodes;
    std::size_t i = 0;
    while (i < eps.size() && !(eps[i].place >= Place::A3 && eps[i].place <= Place::A6)) ++i;
    if (i == eps.size()) return -1;
    std::size_t first = i;
    while (first > 0 && eps[first - 1].end == eps[first].start) --first;
    std::size_t last = i;
    while (last + 1 < eps.size() && eps[last].end == eps[last + 1].start) ++last;
    int order = kNever;
    for (std::size_t k = first; k <= last && order == kNever; ++k)
        if (eps[k].ls == Ls::E1) order = eps[k].start;

    AdoptionFacts a{};
    a.placed = eps[i].start;
    const bool adopted = eps[last].rec == Rec::E11 || eps[last].rec == Rec::E12;
    a.ceased = adopted ? eps[last].end : kNever;
    a.rec = eps[last].rec;
    const int base = order < a.placed ? order : eps[first].start;
    a.matched = a.placed - rng.range(0, std::min(70, (a.placed - base) / 3));
    const int span = a.matched - base;
    a.decided = base + (span >= 2 ? rng.range(1, span / 2) : 0);
    // A3 and A5: placed with their own foster carers, who adopt them.
    a.foster_care = eps[i].place == Place::A3 || eps[i].place == Place::A5;
    a.adopters = rng.per_mille(850) ? 2 : 1;
    if (a.adopters == 2) {
        const int r = rng.range(0, 999);
        a.sex = r < 860 ? 0 : r < 930 ? 1 : 2;
        const int s = rng.range(0, 999);
        if (a.sex == 0) {
            a.status = s < 700 ? 0 : s < 950 ? 3 : 2;  // L0 married, L2 unmarried, L12 civil partners
        } else {
            a.status = s < 550 ? 1 : s < 850 ? 0 : 3;  // L11 civil partners, L0 married, L2 unmarried
        }
    } else {
        a.sex = rng.per_mille(800) ? 4 : 3;
        a.status = 4;  // L4 single
    }
    out.push_back(a);
    return static_cast<std::int32_t>(out.size() - 1);
}

constexpr PrevPerm previous_order(Rec rec) {
    switch (rec) {
    case Rec::E11:
    case Rec::E12: return PrevPerm::P1;
    case Rec::E41: return PrevPerm::P3;
    case Rec::E45:
    case Rec::E46:
    case Rec::E47:
    case Rec::E48: return PrevPerm::P2;
    default: return PrevPerm::Z1;
    }
}

// Previous permanence: drawn for the first period of care; a child who comes back after leaving
// care under an order of this authority (SGO, child arrangements order) has that order.
void plan_permanence(Rng& rng, const Scratch& w, std::vector<PermanenceRow>& out) {
    const int start = w.episodes.front().start;
    PermanenceRow row{std::numeric_limits<int>::min(), pick(rng, kPrevPerm), 0, 0};
    if (row.code != PrevPerm::Z1) {
        const int latest = start - 60;
        const int earliest = std::max(w.child.dob + 30, start - 3650);
        if (latest < earliest) {
            row.code = PrevPerm::Z1;
        } else {
            row.date = rng.range(earliest, latest);
            row.la = other_la(rng);
        }
    }
    out.push_back(row);
    for (std::size_t i = 0; i + 1 < w.episodes.size(); ++i) {
        const Episode& e = w.episodes[i];
        const PrevPerm code = previous_order(e.rec);
        if (code == PrevPerm::Z1 || w.episodes[i + 1].start <= e.end) continue;
        out.push_back({w.episodes[i + 1].start, code, 999, e.end});
    }
}

// Keep what can appear in a return of the window, and draw the child's other tables. `index`
// numbers the child among all simulated children (the PRNG streams of its tables).
void store_child(const Scratch& w, const TableSetting& ts, std::uint64_t index, Population& pop) {
    StoredChild child{};
    child.dob = w.child.dob;
    child.male = w.child.male;
    child.uasc = w.child.uasc;
    child.ethnic = w.child.ethnic;
    child.adoption = -1;
    child.left_care = care_leaver_since(w);
    child.first_episode = static_cast<std::uint32_t>(pop.episodes.size());
    for (const Episode& e : w.episodes) {
        if (e.end >= ts.first_day && e.start <= ts.last_day) pop.episodes.push_back(e);
    }
    child.end_episode = static_cast<std::uint32_t>(pop.episodes.size());
    child.first_review = child.end_review = static_cast<std::uint32_t>(pop.reviews.size());
    child.first_missing = child.end_missing = static_cast<std::uint32_t>(pop.missing.size());
    child.first_sw = child.end_sw = static_cast<std::uint32_t>(pop.sw.size());
    child.first_perm = child.end_perm = static_cast<std::uint32_t>(pop.permanence.size());
    if (child.end_episode == child.first_episode) {
        if (oc3_age(child.dob, child.left_care, ts.first_day, ts.last_day) != 0) pop.leavers.push_back(child);
        return;
    }
    for (const ReviewRow& r : w.reviews) {
        if (r.day >= ts.first_day && r.day <= ts.last_day) pop.reviews.push_back(r);
    }
    child.end_review = static_cast<std::uint32_t>(pop.reviews.size());

    Rng missing(stream_seed(ts.seed, kMissingStream, index));
    plan_missing(missing, w, ts, pop.missing);
    child.end_missing = static_cast<std::uint32_t>(pop.missing.size());
    Rng workers(stream_seed(ts.seed, kSocialWorkerStream, index));
    plan_social_workers(workers, w, ts, pop.sw);
    child.end_sw = static_cast<std::uint32_t>(pop.sw.size());
    Rng permanence(stream_seed(ts.seed, kPermanenceStream, index));
    plan_permanence(permanence, w, pop.permanence);
    child.end_perm = static_cast<std::uint32_t>(pop.permanence.size());
    Rng adoption(stream_seed(ts.seed, kAdoptionStream, index));
    child.adoption = plan_adoption_tables(adoption, w, pop.adoptions);
    pop.children.push_back(child);
}

// ---------------------------------------------------------------------------- drawn per return

struct Oc2Values {
    int sdq;                 // -1: no score
    std::uint8_t sdq_reason;  // 1..5 (SDQ1..SDQ5) when no score
    // CONVICTED, HEALTH_CHECK, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE,
    // INTERVENTION_RECEIVED, INTERVENTION_OFFERED
    std::array<bool, 8> flags;
};

constexpr std::string_view kOc2Flags[] = {"CONVICTED",         "HEALTH_CHECK",     "IMMUNISATIONS",
                                          "TEETH_CHECK",       "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
                                          "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"};

struct Oc3Values {
    InTouch in_touch;
    int activ;  // index into kActivText; -1: 0
    int accom;  // index into kAccomLetter; -1: 0
    char suitable;
};

// What one child has in one return beyond its episodes and reviews.
struct ChildYear {
    bool episodes = false;  // in care some day of the year: in every table of the return
    bool oc2 = false;
    Oc2Values oc2_values{};
    bool oc3 = false;
    Oc3Values oc3_values{};
    const AdoptionFacts* adoption = nullptr;  // placed for adoption by the year's end
    const PermanenceRow* permanence = nullptr;
};

// The start of the period of care (short breaks left out) that is open at `day`, as the returns
// join episodes into periods (docs/definitions.md); kNever when not looked after at `day`.
int period_start_at(const StoredChild& child, const Population& pop, int day) {
    int start = kNever;
    int end = std::numeric_limits<int>::min();
    for (std::uint32_t i = child.first_episode; i < child.end_episode; ++i) {
        const Episode& e = pop.episodes[i];
        if (e.ls == Ls::V3 || e.ls == Ls::V4) continue;
        if (e.start > end) start = e.start;
        end = std::max(end, e.end);
        if (e.start <= day && e.end > day) return start;
    }
    return kNever;
}

Oc2Values draw_oc2(const StoredChild& child, const TableSetting& ts, int year, int age) {
    Rng rng(stream_seed(ts.seed, kOc2Stream, static_cast<std::uint64_t>(child.id) * 4096 + static_cast<std::uint64_t>(year)));
    Oc2Values v{};
    v.sdq = -1;
    if (age >= 5 && age <= 16 && rng.per_mille(750)) {
        v.sdq = draw(rng, kSdqScore);
    } else {
        v.sdq_reason = age >= 5 && age <= 16 ? pick_index<std::uint8_t>(rng, kSdqReason) : 1;
    }
    v.flags[0] = age >= 10 && age <= 17 && rng.per_mille(30);
    v.flags[1] = rng.per_mille(850);
    v.flags[2] = rng.per_mille(800);
    v.flags[3] = rng.per_mille(750);
    v.flags[4] = rng.per_mille(880);
    v.flags[5] = rng.per_mille(age >= 11 ? 55 : age >= 5 ? 5 : 0);
    v.flags[6] = v.flags[5] && rng.per_mille(500);
    v.flags[7] = v.flags[5] && !v.flags[6] && rng.per_mille(300);
    return v;
}

Oc3Values draw_oc3(const StoredChild& child, const TableSetting& ts, int year, int age) {
    Rng rng(stream_seed(ts.seed, kOc3Stream, static_cast<std::uint64_t>(child.id) * 4096 + static_cast<std::uint64_t>(year)));
    Oc3Values v{};
    v.in_touch = pick(rng, kInTouch);
    if (v.in_touch == InTouch::RHOM && age >= 19) v.in_touch = InTouch::YES;  // RHOM is for 17-18s
    v.activ = -1;
    v.accom = -1;
    v.suitable = '0';
    if (v.in_touch != InTouch::YES) return v;
    const std::size_t band = age <= 18 ? 0 : 1;
    v.activ = static_cast<int>(pick_index<std::uint8_t>(rng, kActivity[band]));
    v.accom = static_cast<int>(pick_index<std::uint8_t>(rng, kAccommodation[band]));
    const char letter = kAccomLetter[v.accom];
    const bool risky = letter == 'S' || letter == 'V' || letter == 'W' || letter == 'X';
    v.suitable = rng.per_mille(risky ? 500 : 910) ? '1' : '2';
    // No fixed abode and custody are never suitable: the 903 has only S2 and X2.
    if (letter == 'S' || letter == 'X') v.suitable = '2';
    return v;
}

ChildYear child_year(const StoredChild& child, const Population& pop, const TableSetting& ts, int year) {
    const int from = days_from_civil(year - 1, 4, 1);
    const int to = days_from_civil(year, 3, 31);
    ChildYear cy;
    int latest_start = kNever;  // the latest start of a period of care by the year's end
    for (std::uint32_t i = child.first_episode; i < child.end_episode; ++i) {
        const Episode& e = pop.episodes[i];
        if (e.start > to) break;
        if (e.rne == Rne::S) latest_start = e.start;
        if (e.end >= from) cy.episodes = true;
    }
    if (const int age = oc3_age(child.dob, child.left_care, from, to); age != 0) {
        cy.oc3 = true;
        cy.oc3_values = draw_oc3(child, ts, year, age);
    }
    if (!cy.episodes) return cy;
    if (period_start_at(child, pop, to) <= from) {
        cy.oc2 = true;
        cy.oc2_values = draw_oc2(child, ts, year, age_years(child.dob, to));
    }
    if (child.adoption >= 0 && pop.adoptions[static_cast<std::size_t>(child.adoption)].placed <= to)
        cy.adoption = &pop.adoptions[static_cast<std::size_t>(child.adoption)];
    if (latest_start == kNever) latest_start = pop.episodes[child.first_episode].start;
    for (std::uint32_t i = child.first_perm; i < child.end_perm; ++i) {
        if (pop.permanence[i].from <= latest_start) cy.permanence = &pop.permanence[i];
    }
    return cy;
}

void append_sw_id(std::string& out, std::uint16_t worker) {
    out += "SW";
    append_number(out, worker, 4);
}

// ---------------------------------------------------------------------------- CSV

// Social worker episodes are not part of the DfE's XML: beside an XML return they are a CSV file.
void write_sw_episodes(int year, const Population& pop, const DateText& dates, std::vector<SynthFile>& files) {
    const int from = days_from_civil(year - 1, 4, 1);
    const int to = days_from_civil(year, 3, 31);
    std::string sw = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n";
    for (const StoredChild& child : pop.children) {
        for (std::uint32_t i = child.first_sw; i < child.end_sw; ++i) {
            const SwRow& s = pop.sw[i];
            if (s.start > to || s.end < from) continue;
            append_number(sw, child.id, 8);
            sw += ',';
            dates.append(sw, child.dob);
            sw += ',';
            append_sw_id(sw, s.worker);
            sw += ',';
            dates.append(sw, s.start);
            sw += ',';
            if (s.end <= to) dates.append(sw, s.end);
            sw += ',';
            sw += kSwReasonText[s.reason];
            sw += '\n';
        }
    }
    files.push_back({std::to_string(year) + "/sw_episodes.csv", std::move(sw)});
}


void write_return(int year, const Population& pop, const DateText& dates, const TableSetting& ts,
                  std::vector<SynthFile>& files) {
    const int from = days_from_civil(year - 1, 4, 1);
    const int to = days_from_civil(year, 3, 31);
    const bool letter_sex = year >= 2025;  // SEX is 1/2 up to 2023-24, M/F from 2024-25
    std::string header = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
    std::string episodes =
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
    std::string reviews = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
    std::string missing = "CHILD,DOB,MISSING,MIS_START,MIS_END\n";
    std::string uasc = "CHILD,SEX,DOB,DUC\n";
    std::string oc2 =
        "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,"
        "SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n";
    std::string oc3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n";
    std::string ad1 = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n";
    std::string placed = "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\n";
    std::string permanence = "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\n";
    header.reserve(pop.children.size() * 40);
    episodes.reserve(pop.episodes.size() * 70);
    reviews.reserve(pop.reviews.size() * 36);

    // CHILD,DOB, the start of most rows of the other tables.
    auto lead = [&](std::string& out, const StoredChild& child) {
        append_number(out, child.id, 8);
        out += ',';
        dates.append(out, child.dob);
        out += ',';
    };
    for (const StoredChild& child : pop.children) {
        const ChildYear cy = child_year(child, pop, ts, year);
        for (std::uint32_t i = child.first_episode; i < child.end_episode; ++i) {
            const Episode& e = pop.episodes[i];
            if (e.start > to || e.end < from) continue;
            const bool ended = e.end <= to;  // later ceasings are not known at this return
            append_number(episodes, child.id, 8);
            episodes += ',';
            dates.append(episodes, e.start);
            episodes += ',';
            episodes += text(kRneText, e.rne);
            episodes += ',';
            episodes += text(kLsText, e.ls);
            episodes += ',';
            episodes += text(kCinText, e.cin);
            episodes += ',';
            episodes += text(kPlaceText, e.place);
            episodes += ',';
            episodes += text(kProviderText, e.provider);
            episodes += ',';
            if (ended) dates.append(episodes, e.end);
            episodes += ',';
            if (ended) episodes += text(kRecText, e.rec);
            episodes += ',';
            episodes += text(kRpcText, e.rpc);
            episodes += ',';
            if (e.home_post != kNoPost) episodes += kPostText[e.home_post];
            episodes += ',';
            if (e.pl_post != kNoPost) episodes += kPostText[e.pl_post];
            episodes += ',';
            if (e.urn != 0) append_number(episodes, e.urn, 7);
            episodes += '\n';
        }
        if (cy.episodes || cy.oc3) {
            append_number(header, child.id, 8);
            header += ',';
            header += letter_sex ? (child.male ? "M" : "F") : (child.male ? "1" : "2");
            header += ',';
            dates.append(header, child.dob);
            header += ',';
            header += child.ethnic;
            header += ",,,\n";
        }
        for (std::uint32_t i = child.first_review; i < child.end_review; ++i) {
            const ReviewRow& r = pop.reviews[i];
            if (r.day < from || r.day > to) continue;
            append_number(reviews, child.id, 8);
            reviews += ',';
            dates.append(reviews, child.dob);
            reviews += ',';
            dates.append(reviews, r.day);
            reviews += ',';
            reviews += text(kPnText, r.code);
            reviews += '\n';
        }
        if (cy.oc3) {
            const Oc3Values& v = cy.oc3_values;
            lead(oc3, child);
            oc3 += text(kInTouchText, v.in_touch);
            oc3 += ',';
            oc3 += v.activ < 0 ? std::string_view("0") : kActivText[v.activ];
            oc3 += ',';
            if (v.accom < 0) {
                oc3 += '0';
            } else {
                oc3 += kAccomLetter[v.accom];
                oc3 += v.suitable;
            }
            oc3 += '\n';
        }
        if (!cy.episodes) continue;
        for (std::uint32_t i = child.first_missing; i < child.end_missing; ++i) {
            const MissingRow& m = pop.missing[i];
            if (m.start < from || m.start > to) continue;
            lead(missing, child);
            missing += m.away ? "A," : "M,";
            dates.append(missing, m.start);
            missing += ',';
            if (m.end != kNever) dates.append(missing, m.end);
            missing += '\n';
        }
        if (child.uasc) {
            append_number(uasc, child.id, 8);
            uasc += ',';
            uasc += letter_sex ? (child.male ? "M" : "F") : (child.male ? "1" : "2");
            uasc += ',';
            dates.append(uasc, child.dob);
            uasc += ',';
            dates.append(uasc, birthday(child.dob, 18));
            uasc += '\n';
        }
        if (cy.oc2) {
            const Oc2Values& v = cy.oc2_values;
            lead(oc2, child);
            if (v.sdq >= 0) append_number(oc2, static_cast<std::uint32_t>(v.sdq), v.sdq >= 10 ? 2 : 1);
            oc2 += ',';
            if (v.sdq < 0) {
                oc2 += "SDQ";
                oc2 += static_cast<char>('0' + v.sdq_reason);
            }
            for (const bool flag : v.flags) {
                oc2 += ',';
                oc2 += flag ? '1' : '0';
            }
            oc2 += '\n';
        }
        if (cy.adoption != nullptr) {
            const AdoptionFacts& a = *cy.adoption;
            lead(ad1, child);
            dates.append(ad1, a.decided);
            ad1 += ',';
            dates.append(ad1, a.matched);
            ad1 += a.foster_care ? ",1," : ",0,";
            ad1 += static_cast<char>('0' + a.adopters);
            ad1 += ',';
            ad1 += kAdopterSexText[a.sex];
            ad1 += ',';
            ad1 += kAdopterStatusText[a.status];
            ad1 += '\n';
            lead(placed, child);
            dates.append(placed, a.placed);
            placed += ',';
            if (a.ceased <= to) dates.append(placed, a.ceased);
            placed += ',';
            if (a.ceased <= to) placed += text(kRecText, a.rec);
            placed += '\n';
        }
        if (cy.permanence != nullptr) {
            const PermanenceRow& p = *cy.permanence;
            lead(permanence, child);
            permanence += text(kPrevPermText, p.code);
            permanence += ',';
            if (p.code != PrevPerm::Z1) append_number(permanence, p.la, 3);
            permanence += ',';
            if (p.code != PrevPerm::Z1) dates.append(permanence, p.date);
            permanence += '\n';
        }
    }
    const std::string dir = std::to_string(year) + "/";
    files.push_back({dir + "header.csv", std::move(header)});
    files.push_back({dir + "episodes.csv", std::move(episodes)});
    files.push_back({dir + "reviews.csv", std::move(reviews)});
    files.push_back({dir + "missing.csv", std::move(missing)});
    files.push_back({dir + "uasc.csv", std::move(uasc)});
    files.push_back({dir + "oc2.csv", std::move(oc2)});
    files.push_back({dir + "oc3.csv", std::move(oc3)});
    files.push_back({dir + "ad1.csv", std::move(ad1)});
    files.push_back({dir + "placed_for_adoption.csv", std::move(placed)});
    files.push_back({dir + "previous_permanence.csv", std::move(permanence)});
    if (year >= kFirstSwYear) write_sw_episodes(year, pop, dates, files);
}

// ---------------------------------------------------------------------------- XML

// The same return as the DfE's XML (<EXPSSDA903>): a <CHILD> per child in the return, its
// <HEADER> holding its UASC status, OC3 values, missing incidents (<AMISSING>), reviews
// (<AREVIEW>), previous permanence (<PERMANENCE>), OC2 values (<OC2>), AD1 values and adoptive
// placement (<AD_PLACED>), then its <EPISODE>s, with PL for PLACE. Every element on its own line,
// as the DfE's own examples are laid out; empty values as empty elements.
void write_return_xml(int year, const Population& pop, const DateText& dates, const TableSetting& ts,
                      std::vector<SynthFile>& files) {
    const int from = days_from_civil(year - 1, 4, 1);
    const int to = days_from_civil(year, 3, 31);
    const bool letter_sex = year >= 2025;
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EXPSSDA903>\n";
    xml.reserve(pop.episodes.size() * 300 + pop.reviews.size() * 90);
    auto element = [&](std::string_view indent, std::string_view name, auto&& write) {
        xml += indent;
        xml += '<';
        xml += name;
        xml += '>';
        const std::size_t before = xml.size();
        write();
        if (xml.size() == before) {
            xml.back() = '/';  // <NAME/> when empty
            xml += '>';
        } else {
            xml += "</";
            xml += name;
            xml += '>';
        }
        xml += '\n';
    };
    auto value = [&](std::string_view indent, std::string_view name, std::string_view text) {
        element(indent, name, [&] { xml += text; });
    };
    auto date = [&](std::string_view indent, std::string_view name, int day, bool known) {
        element(indent, name, [&] { if (known) dates.append(xml, day); });
    };
    std::string id;
    std::string scratch;
    for (const StoredChild& child : pop.children) {
        const ChildYear cy = child_year(child, pop, ts, year);
        if (!cy.episodes && !cy.oc3) continue;
        id.clear();
        append_number(id, child.id, 8);
        xml += "  <CHILD>\n    <HEADER>\n";
        value("      ", "CHILDID", id);
        value("      ", "SEX", letter_sex ? (child.male ? "M" : "F") : (child.male ? "1" : "2"));
        date("      ", "DOB", child.dob, true);
        value("      ", "ETHNIC", child.ethnic);
        value("      ", "UPN", "");
        value("      ", "MOTHER", "");
        value("      ", "MC_DOB", "");
        if (cy.episodes && child.uasc) {
            value("      ", "UASC", "1");
            date("      ", "DUC", birthday(child.dob, 18), true);
        } else {
            value("      ", "UASC", "");
        }
        if (cy.oc3) {
            const Oc3Values& v = cy.oc3_values;
            value("      ", "IN_TOUCH", text(kInTouchText, v.in_touch));
            value("      ", "ACTIV", v.activ < 0 ? std::string_view("0") : kActivText[v.activ]);
            scratch.clear();
            if (v.accom < 0) {
                scratch += '0';
            } else {
                scratch += kAccomLetter[v.accom];
                scratch += v.suitable;
            }
            value("      ", "ACCOM", scratch);
        }
        if (cy.episodes) {
            for (std::uint32_t i = child.first_missing; i < child.end_missing; ++i) {
                const MissingRow& m = pop.missing[i];
                if (m.start < from || m.start > to) continue;
                xml += "      <AMISSING>\n";
                value("        ", "MISSING", m.away ? "A" : "M");
                date("        ", "MIS_START", m.start, true);
                date("        ", "MIS_END", m.end, m.end != kNever);
                xml += "      </AMISSING>\n";
            }
        }
        for (std::uint32_t i = child.first_review; i < child.end_review; ++i) {
            const ReviewRow& r = pop.reviews[i];
            if (r.day < from || r.day > to) continue;
            xml += "      <AREVIEW>\n";
            date("        ", "REVIEW", r.day, true);
            value("        ", "REVIEW_CODE", text(kPnText, r.code));
            xml += "      </AREVIEW>\n";
        }
        if (cy.permanence != nullptr) {
            const PermanenceRow& p = *cy.permanence;
            const bool order = p.code != PrevPerm::Z1;
            xml += "      <PERMANENCE>\n";
            value("        ", "PREV_PERM", text(kPrevPermText, p.code));
            element("        ", "LA_PERM", [&] { if (order) append_number(xml, p.la, 3); });
            date("        ", "DATE_PERM", p.date, order);
            xml += "      </PERMANENCE>\n";
        }
        if (cy.oc2) {
            const Oc2Values& v = cy.oc2_values;
            xml += "      <OC2>\n";
            element("        ", "SDQ_SCORE", [&] {
                if (v.sdq >= 0) append_number(xml, static_cast<std::uint32_t>(v.sdq), v.sdq >= 10 ? 2 : 1);
            });
            element("        ", "SDQ_REASON", [&] {
                if (v.sdq < 0) {
                    xml += "SDQ";
                    xml += static_cast<char>('0' + v.sdq_reason);
                }
            });
            for (std::size_t f = 0; f < v.flags.size(); ++f) value("        ", kOc2Flags[f], v.flags[f] ? "1" : "0");
            xml += "      </OC2>\n";
        }
        if (cy.adoption != nullptr) {
            const AdoptionFacts& a = *cy.adoption;
            date("      ", "DATE_INT", a.decided, true);
            date("      ", "DATE_MATCH", a.matched, true);
            value("      ", "FOSTER_CARE", a.foster_care ? "1" : "0");
            value("      ", "NB_ADOPTR", a.adopters == 2 ? "2" : "1");
            value("      ", "SEX_ADOPTR", kAdopterSexText[a.sex]);
            value("      ", "LS_ADOPTR", kAdopterStatusText[a.status]);
            xml += "      <AD_PLACED>\n";
            date("        ", "DATE_PLACED", a.placed, true);
            date("        ", "DATE_PLACED_CEASED", a.ceased, a.ceased <= to);
            value("        ", "REASON_PLACED_CEASED", a.ceased <= to ? text(kRecText, a.rec) : std::string_view());
            xml += "      </AD_PLACED>\n";
        }
        xml += "    </HEADER>\n";
        for (std::uint32_t i = child.first_episode; i < child.end_episode; ++i) {
            const Episode& e = pop.episodes[i];
            if (e.start > to || e.end < from) continue;
            const bool ended = e.end <= to;
            xml += "    <EPISODE>\n";
            date("      ", "DECOM", e.start, true);
            value("      ", "RNE", text(kRneText, e.rne));
            value("      ", "LS", text(kLsText, e.ls));
            value("      ", "CIN", text(kCinText, e.cin));
            value("      ", "PL", text(kPlaceText, e.place));
            value("      ", "PLACE_PROVIDER", text(kProviderText, e.provider));
            date("      ", "DEC", e.end, ended);
            value("      ", "REC", ended ? text(kRecText, e.rec) : std::string_view());
            value("      ", "REASON_PLACE_CHANGE", text(kRpcText, e.rpc));
            value("      ", "HOME_POST", e.home_post != kNoPost ? kPostText[e.home_post] : std::string_view());
            value("      ", "PL_POST", e.pl_post != kNoPost ? kPostText[e.pl_post] : std::string_view());
            element("      ", "URN", [&] { if (e.urn != 0) append_number(xml, e.urn, 7); });
            xml += "    </EPISODE>\n";
        }
        xml += "  </CHILD>\n";
    }
    xml += "</EXPSSDA903>\n";
    files.push_back({std::to_string(year) + "/ssda903_" + std::to_string(year) + ".xml", std::move(xml)});
    if (year >= kFirstSwYear) write_sw_episodes(year, pop, dates, files);
}

// What the IRO escalation log needs to know of each child's care: the episodes that are not
// short breaks, with the end of their period of care and the facts that decide the team.
CareRecord care_record(const Population& pop) {
    CareRecord care;
    care.children.reserve(pop.children.size());
    care.stretches.reserve(pop.episodes.size());
    std::vector<bool> continues;  // the stretch's episode ends with X1 (per stretch of this child)
    for (const StoredChild& child : pop.children) {
        const auto first = static_cast<std::uint32_t>(care.stretches.size());
        continues.clear();
        for (std::uint32_t i = child.first_episode; i < child.end_episode; ++i) {
            const Episode& e = pop.episodes[i];
            if (e.ls == Ls::V3 || e.ls == Ls::V4) continue;
            continues.push_back(e.rec == Rec::X1);
            // Placement orders, adoption and long-term fostering are permanence plans.
            const bool permanence = e.ls == Ls::E1 || (e.place >= Place::A3 && e.place <= Place::A6) ||
                                    e.place == Place::U1 || e.place == Place::U4;
            const Locality locality = e.home_post <= 3 ? Locality::North
                                      : e.home_post <= 8 ? Locality::South
                                                         : Locality::Elsewhere;
            care.stretches.push_back(
                CareStretch{e.start, e.end, e.end, permanence, e.cin == Cin::N2, locality});
        }
        const auto end = static_cast<std::uint32_t>(care.stretches.size());
        if (end == first) continue;
        // Episodes chained by X1 (one ends the day the next starts) make one period of care.
        for (std::uint32_t i = end - 1; i > first; --i) {
            if (continues[i - 1 - first] && care.stretches[i - 1].end == care.stretches[i].start) {
                care.stretches[i - 1].period_end = care.stretches[i].period_end;
            }
        }
        care.children.push_back(CaredForChild{child.id, child.dob, first, end});
    }
    return care;
}

void validate(const SynthOptions& o) {
    if (o.children < 1 || o.children > 200000) throw std::invalid_argument("synth: children must be 1 to 200000");
    if (o.years < 1 || o.years > 20) throw std::invalid_argument("synth: years must be 1 to 20");
    if (o.last_year < 2000 || o.last_year > 2100) {
        throw std::invalid_argument("synth: last_year must be 2000 to 2100");
    }
    for (int year : o.xml_years)
        if (year > o.last_year || year <= o.last_year - o.years)
            throw std::invalid_argument("synth: --xml-year " + std::to_string(year) + " is not one of the returns written (" +
                                        std::to_string(o.last_year - o.years + 1) + " to " + std::to_string(o.last_year) + ")");
}

// Total arrivals so that about `children` are in care on the last day: children * sum(w) / (sum(w q) / n),
// in 64-bit integers without overflow for every valid option.
std::uint64_t arrivals_needed(int children, std::uint64_t sum_w, std::uint64_t sum_wq,
                              std::uint64_t calibration_children) {
    const std::uint64_t a = static_cast<std::uint64_t>(children) * sum_w;
    return (a / sum_wq) * calibration_children + ((a % sum_wq) * calibration_children + sum_wq / 2) / sum_wq;
}

}  // namespace

std::vector<SynthFile> generate(const SynthOptions& options) {
    validate(options);
    const int first_year = options.last_year - options.years + 1;
    const int first_day = days_from_civil(first_year - 1, 4, 1);
    const int last_day = days_from_civil(options.last_year, 3, 31);
    // A long burn-in: anyone in care in the first return entered at most 18 years before it.
    const int origin = days_from_civil(first_year - 21, 4, 1);
    const int trend_start = last_day - 6 * 365;

    const Setting setting = make_setting(options.seed, options.children);
    constexpr int kCalibrationChildren = 30000;
    const int span = last_day - origin + 1;
    const std::vector<std::uint32_t> q = in_care_after(setting, kCalibrationChildren, 19 * 366);

    std::vector<std::uint64_t> cumulative(static_cast<std::size_t>(span));
    std::uint64_t sum_w = 0;
    std::uint64_t sum_wq = 0;
    for (int i = 0; i < span; ++i) {
        const int day = origin + i;
        const std::uint64_t weight = arrival_weight(day, trend_start);
        sum_w += weight;
        cumulative[static_cast<std::size_t>(i)] = sum_w;
        const auto offset = static_cast<std::size_t>(last_day - day);
        if (offset < q.size()) sum_wq += weight * q[offset];
    }
    const std::uint64_t arrivals = arrivals_needed(options.children, sum_w, sum_wq, kCalibrationChildren);

    TableSetting tables{};
    tables.seed = options.seed;
    tables.first_year = first_year;
    tables.last_year = options.last_year;
    tables.first_day = first_day;
    tables.last_day = last_day;
    tables.sw_from = options.last_year >= kFirstSwYear
                         ? std::max(first_day, days_from_civil(kFirstSwYear - 1, 4, 1))
                         : kNever;
    // About 16 children a social worker (a pool of four-digit pseudonyms).
    tables.workers = std::clamp(options.children / 16, 8, 9999);

    Population pop;
    Scratch w;
    for (std::uint64_t i = 0; i < arrivals; ++i) {
        Rng rng(stream_seed(options.seed, kArrivalStream, i));
        const std::uint64_t r = rng.below(sum_w);
        const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin();
        const int entry = origin + static_cast<int>(at);
        simulate_child(rng, setting, entry, last_day, first_day, true, w);
        store_child(w, tables, i, pop);
    }
    const int short_break_children = options.children / 150 + 1;
    for (int i = 0; i < short_break_children; ++i) {
        Rng rng(stream_seed(options.seed, kShortBreakStream, static_cast<std::uint64_t>(i)));
        simulate_short_breaks(rng, setting, first_day - 730, last_day, w);
        store_child(w, tables, arrivals + static_cast<std::uint64_t>(i), pop);
    }
    // Unaccompanied asylum-seeking young people (most of them through the national transfer
    // scheme) arrive aged 14 to 17, about nine a year for every 500 children looked after, and
    // bring them to some 5-7% of the children looked after. They have a stream of their own, after
    // everyone else, so the other children's stories and pseudonyms are as they were.
    const std::uint64_t asylum_children =
        static_cast<std::uint64_t>(options.children) * 18 * static_cast<std::uint64_t>(options.years + 4) / 1000 + 1;
    const std::uint64_t asylum_index = arrivals + static_cast<std::uint64_t>(short_break_children);
    for (std::uint64_t i = 0; i < asylum_children; ++i) {
        Rng rng(stream_seed(options.seed, kAsylumStream, i));
        const int entry = rng.range(first_day - 4 * 365, last_day);
        simulate_child(rng, setting, entry, last_day, first_day, true, w, true);
        store_child(w, tables, asylum_index + i, pop);
    }

    const Pseudonyms pseudonym(options.seed);
    for (std::size_t i = 0; i < pop.children.size(); ++i) {
        pop.children[i].id = pseudonym(static_cast<std::uint32_t>(i));
    }
    // Care leavers who left before the window come after, so that they change no one else's.
    for (std::size_t i = 0; i < pop.leavers.size(); ++i) {
        pop.leavers[i].id = pseudonym(static_cast<std::uint32_t>(pop.children.size() + i));
    }
    pop.children.insert(pop.children.end(), pop.leavers.begin(), pop.leavers.end());
    pop.leavers.clear();
    std::sort(pop.children.begin(), pop.children.end(),
              [](const StoredChild& a, const StoredChild& b) { return a.id < b.id; });

    IroFiles iro = generate_iro_files(care_record(pop), options.seed, first_year, options.last_year);

    // Dates run on past the last return: a young person's 18th birthday (DUC), a missing incident
    // that ends after it.
    const DateText dates(origin - 19 * 366, last_day + 6 * 366);
    std::vector<SynthFile> files;
    files.reserve(static_cast<std::size_t>(options.years) * 13 + 1);
    for (int year = first_year; year <= options.last_year; ++year) {
        if (std::find(options.xml_years.begin(), options.xml_years.end(), year) != options.xml_years.end())
            write_return_xml(year, pop, dates, tables, files);
        else
            write_return(year, pop, dates, tables, files);
        files.push_back({std::to_string(year) + "/escalations.csv",
                         std::move(iro.escalations[static_cast<std::size_t>(year - first_year)])});
    }
    files.push_back({"iro_staffing.csv", std::move(iro.staffing)});
    files.push_back({"iro_allocations.csv", std::move(iro.allocations)});
    files.push_back({"iro_activity.csv", std::move(iro.activity)});
    return files;
}

}  // namespace careboard::synth
