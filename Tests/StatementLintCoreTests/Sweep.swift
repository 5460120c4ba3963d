import Foundation
import Testing

extension Tag {
    /// An exhaustive equivalence sweep: sampled (fixed seed) by default, run whole in CI.
    @Tag static var sweep: Self
}

/// How much of an exhaustive sweep runs. By default a fixed-seed sample, so the suite stays
/// quick and a failure is reproducible; everything when `STATEMENTLINT_FULL_SWEEPS=1` or
/// `CI=true` is set.
enum Sweep {
    static let full: Bool = {
        let env = ProcessInfo.processInfo.environment
        return env["STATEMENTLINT_FULL_SWEEPS"] == "1" || env["CI"] == "true"
    }()

    /// The seed every sample is drawn with.
    static let seed: UInt64 = 20_260_308

    /// `items` whole in a full sweep; else about `fraction` of them (at least `minimum`),
    /// drawn with `seed`, in their original order.
    static func sample<T>(_ items: [T], fraction: Double, minimum: Int = 1) -> [T] {
        guard !full, items.count > minimum else { return items }
        let keep = max(minimum, Int((Double(items.count) * fraction).rounded(.up)))
        guard keep < items.count else { return items }
        var rng = SplitMix64(seed: seed ^ UInt64(items.count))
        var indices = Array(items.indices)
        // A partial Fisher–Yates shuffle picks `keep` distinct indices.
        for i in 0..<keep {
            let j = i + Int(rng.next() % UInt64(indices.count - i))
            indices.swapAt(i, j)
        }
        return indices.prefix(keep).sorted().map { items[$0] }
    }

    /// `threshold` in a full sweep, scaled down by `fraction` for a sample.
    static func scaled(_ threshold: Int, fraction: Double) -> Int {
        full ? threshold : Int(Double(threshold) * fraction)
    }
}

/// A small, fixed, platform-independent generator (the standard library's is seeded randomly).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
