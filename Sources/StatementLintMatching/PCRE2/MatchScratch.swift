import CPCRE2
import Foundation

package func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// PCRE2 searches one thread made (`--timings`): how many found a match, and the time spent
/// in those and in the others. Time in searches that find nothing is at most what a sharper
/// prefilter could save (the search after a unit's last match finds nothing too); time in
/// those that find one is what the rules need.
package final class SearchStats: @unchecked Sendable {
    package internal(set) var searches = 0
    package internal(set) var found = 0
    package internal(set) var foundNanoseconds: UInt64 = 0
    package internal(set) var noneNanoseconds: UInt64 = 0
    /// Set while a rule looks for its exceptions: those searches are counted apart below.
    package var lookingForExceptions = false
    /// Pattern searches counted per look (one `forEachMatch` call: a unit, or the rest of one,
    /// searched for its matches, however many PCRE2 searches that takes); `emptyLooks` found
    /// no match at all, and `emptyNanoseconds` is their time: the units a sharper prefilter
    /// would not have searched. (Not exceptions.)
    package internal(set) var looks = 0
    package internal(set) var emptyLooks = 0
    package internal(set) var emptyNanoseconds: UInt64 = 0
    /// Looks for exceptions, and all their time.
    package internal(set) var exceptionLooks = 0
    package internal(set) var exceptionNanoseconds: UInt64 = 0
    package init() {}
}

/// Per-thread matching state: match data, limits and a JIT stack. Not shareable across threads.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    /// Set to count and time every search made with this scratch.
    package var stats: SearchStats?
    /// Working space the engine's literal gate reuses from one document to the next; all
    /// zero whenever it is not in use.
    package var gateMarks: [UInt64] = []

    /// Limits keep a pathological pattern on hostile text from running away.
    public static let defaultMatchLimit: UInt32 = 2_000_000
    public static let defaultDepthLimit: UInt32 = 20_000

    public init(maxCaptures: Int = 32, matchLimit: UInt32 = MatchScratch.defaultMatchLimit, depthLimit: UInt32 = MatchScratch.defaultDepthLimit) {
        matchData = pcre2_match_data_create_8(UInt32(maxCaptures + 1), nil)!
        context = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}
