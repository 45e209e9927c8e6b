#pragma once
#include "ingest/codes.hpp"
#include "ingest/dataset.hpp"

namespace careboard {

// The rules of docs/definitions.md ("Flows in a period") for one episode, shared by every count
// that needs them: starting care (RNE S) and ceasing care (REC set, not X1) in [s, e], short breaks
// left out; and looked after on some day of [s, e].
inline bool starts_care_in(const Episode& ep, Date s, Date e) {
    return !codes::is_short_break(ep.ls) && ep.rne == "S" && ep.decom >= s && ep.decom <= e;
}
inline bool ceases_care_in(const Episode& ep, Date s, Date e) {
    return !codes::is_short_break(ep.ls) && ep.dec && *ep.dec >= s && *ep.dec <= e && !ep.rec.empty() && ep.rec != "X1";
}
inline bool in_care_during(const Episode& ep, Date s, Date e) {
    return !codes::is_short_break(ep.ls) && ep.decom <= e && (!ep.dec || *ep.dec > s);
}

}  // namespace careboard
