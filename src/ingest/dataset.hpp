#pragma once
#include <map>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace careboard {

// Where a stitched row came from, for messages and provenance.
struct SourceRef {
    int file = -1;  // index into Dataset::files
    int line = 0;
    int column = 0;  // of the row's key date (DECOM, REVIEW, RAISED); 0 when not known
};

struct ChildRecord {
    std::string id;  // the export's pseudonym; never written to any output
    std::string sex;
    std::optional<Date> dob;
    std::string ethnic;
    bool in_header = false;
};

struct Episode {
    int child = -1;
    Date decom;
    std::optional<Date> dec;
    std::string rne, ls, cin, place, provider, rec;
    SourceRef source;

    bool open_at(Date d) const { return decom <= d && (!dec || *dec > d); }
};

struct Review {
    int child = -1;
    Date date;
    std::string code;
    SourceRef source;
};

// One row of the authority's IRO escalation log (docs/definitions.md, "IRO escalations").
// Labels are the authority's own words. No free text is ever read.
struct Escalation {
    std::string id;     // pseudonymous; never written to any output
    std::string child;  // the 903 pseudonym, or empty; never written to any output
    Date raised;
    std::string route;
    std::string stage;  // 0..4 or cafcass (lower case), or as written when unknown
    std::vector<std::string> themes;
    std::string team;
    std::optional<Date> resolved;
    std::string level;
    std::string outcome;
    SourceRef source;
};

// Rows of the other 903 tables (docs/definitions.md, "The other 903 tables"). `child` is the
// dataset's child number; only the columns careboard counts with are kept.
struct MissingIncident {
    int child = -1;
    std::string kind;  // MISSING: M missing, A away without authorisation, or as written
    Date start;
    std::optional<Date> end;
    SourceRef source;
};

struct UascRecord {
    int child = -1;
    std::optional<Date> duc;  // when UASC status ceases; empty: not recorded
    SourceRef source;
};

// One child's OC2 row of one return. Flags are '1' yes, '0' no, 0 not recorded or not a flag.
struct Oc2Record {
    enum Flag { convicted, health_check, immunisations, teeth_check, health_assessment, substance_misuse,
                intervention_received, intervention_offered, flag_count };
    int child = -1;
    int year = 0;                 // the return's collection year end; 0 for an undated return
    std::optional<int> sdq_score; // 0 to 40
    std::array<char, flag_count> flags{};
    SourceRef source;

    bool yes(Flag f) const { return flags[f] == '1'; }
};

struct Oc3Record {
    int child = -1;
    int year = 0;
    std::string in_touch, activity, accommodation;
    SourceRef source;
};

struct AdoptionRecord {  // ad1
    int child = -1;
    std::optional<Date> date_int, date_match;
    SourceRef source;
};

struct PlacedForAdoption {
    int child = -1;
    Date placed;
    std::optional<Date> ceased;
    std::string reason;
    SourceRef source;
};

struct PreviousPermanence {
    int child = -1;
    std::string code;  // PREV_PERM
    SourceRef source;
};

struct SocialWorkerEpisode {
    int child = -1;
    std::string worker;  // SW_ID, a pseudonym; never written to any output
    Date start;
    std::optional<Date> end;
    SourceRef source;
};

// Full-time-equivalent IROs in post from a date on, and what iro_staffing.csv's optional
// columns say of that date (empty: not given).
struct StaffingChange {
    Date from;
    double fte = 0;
    std::optional<double> headcount, permanent, agency, vacancies_fte;
};

// One figure of the IRO service's own records (iro_activity.csv) for one period (a quarter, a
// financial year or a calendar month, by its first and last day), measure and category ("Total"
// when the measure has none). Figures the file does not give but its others imply (a year from
// its four quarters, a Total from its breakdown) are added with `source.line` 0.
struct ActivityFigure {
    Date start, end;
    std::string measure, category;
    double value = 0;
    SourceRef source;
};

// One row of iro_allocations.csv: a child allocated to an IRO from FROM until TO (the day the
// allocation ends, like an episode's DEC; empty while it lasts).
struct IroAllocation {
    std::string iro;  // the IRO's pseudonym; never written to any output
    int child = -1;   // the dataset's child number; -1 for a child in no 903 file
    Date from;
    std::optional<Date> to;
    SourceRef source;

    bool open_at(Date d) const { return from <= d && (!to || *to > d); }
};

struct SourceFile {
    std::string path;
    std::string table;    // header, episodes, reviews
    int return_year = 0;  // 0 when the file's name and folder carry no year
    int rows_read = 0;
    int rows_kept = 0;    // after stitching: rows that no later return replaced
};

// The stitched SSDA903 data: one row per episode (CHILD, DECOM), per child and per review
// (CHILD, REVIEW), the latest return's version of each. Episodes and reviews are sorted by child
// then date.
struct Dataset {
    std::vector<ChildRecord> children;
    std::vector<Episode> episodes;
    std::vector<Review> reviews;
    std::vector<Escalation> escalations;  // stitched by id, sorted by RAISED then id
    std::vector<StaffingChange> staffing; // sorted by date
    bool has_reviews = true;              // a reviews table was given (it is optional: docs/input.md)
    bool has_escalations = false;         // an escalation log was given (even if empty)
    bool has_staffing = false;
    std::vector<ActivityFigure> activity;      // sorted by measure (declared order), period, category
    std::vector<IroAllocation> allocations;    // sorted by IRO, then FROM
    bool has_activity = false, has_allocations = false;
    // The other 903 tables, stitched (docs/definitions.md, "The other 903 tables"), each sorted by
    // child then its key. Each `has_` says a return gave the table (even with no rows).
    std::vector<MissingIncident> missing;
    std::vector<UascRecord> uasc;
    std::vector<Oc2Record> oc2;
    std::vector<Oc3Record> oc3;
    std::vector<AdoptionRecord> adoptions;
    std::vector<PlacedForAdoption> placed_for_adoption;
    std::vector<PreviousPermanence> previous_permanence;
    std::vector<SocialWorkerEpisode> social_workers;
    bool has_missing = false, has_uasc = false, has_adoptions = false, has_placed_for_adoption = false,
         has_previous_permanence = false;
    // The returns (collection year ends; 0 for an undated one) that gave OC2, OC3 and social
    // worker episodes: their measures exist for those years only.
    std::vector<int> oc2_years, oc3_years, social_worker_years;
    std::vector<SourceFile> files;
    std::vector<int> return_years;      // dated returns found, ascending
    // The 903 files' LA column values (lower case -> as first written, rows), for pooled files.
    std::map<std::string, std::pair<std::string, int>> authorities;
    std::optional<Date> latest_event;   // latest DECOM, DEC or REVIEW
    // Dated returns hold reviews from this date on (docs/definitions.md, "Periods of care");
    // empty for undated data, taken to hold every review.
    std::optional<Date> reviews_known_from;

    // Index of each child's first episode / review (size children+1, CSR style).
    std::vector<std::size_t> episode_begin;
    std::vector<std::size_t> review_begin;
};

// A period of care: a run of a child's non-short-break episodes where each starts on or before
// the previous one's end (docs/definitions.md).
struct PeriodOfCare {
    Date start;
    std::optional<Date> end;  // empty while open
    bool start_observed = false;  // starts with RNE = S, within the review data
};

// The child's periods of care, from their (sorted) episodes, short breaks left out.
std::vector<PeriodOfCare> periods_of_care(const Dataset& data, int child);

}  // namespace careboard
