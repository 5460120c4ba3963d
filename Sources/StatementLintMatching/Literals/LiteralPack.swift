import Foundation

/// The literals a rule pack's patterns require, each once, with the scanner that finds them,
/// made at build time for the built-in pack (see RuleEmbedder). A linter whose gated patterns
/// all come from one pack takes their literal numbers and the scanner from here instead of
/// building them at every start-up.
package final class LiteralPack: @unchecked Sendable {
    /// The literals, made into byte arrays on first use (a linter running the pack alone
    /// needs only the scanner).
    package var literals: [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        if let made = literalBytes { return made }
        let made = literalText.map { Array($0.utf8) }
        literalBytes = made
        return made
    }
    package var literalCount: Int { literalText.count }
    private let literalText: [String]
    private var literalBytes: [[UInt8]]?
    private let lock = NSLock()
    /// nil when the serialized scanner could not be read: the linter then builds its own.
    package let scanner: LiteralScanner?

    /// Gate rows the pack's patterns use (see `PackedLiterals.slot`).
    package let slotCount: Int

    /// Which gate rows each literal marks, for every pattern of the pack (a linter running
    /// part of the pack uses them whole: the rows of patterns it does not run are never read).
    /// nil when the serialized form could not be read: the linter then makes its own.
    package let literalSlots: LiteralSlots?

    /// `scanner` is `LiteralScanner.serialized()` for exactly these literals, `slots`
    /// `LiteralSlots.serialized()` for the pack's rows, both base64.
    package init(literals: [String], scanner: String, slots: String, slotCount: Int) {
        self.slotCount = slotCount
        literalText = literals
        let decoded = Regex.base64Decode(scanner).flatMap(LiteralScanner.init(serialized:))
        self.scanner = decoded?.literalCount == literals.count ? decoded : nil
        let rows = Regex.base64Decode(slots).flatMap { LiteralSlots(serialized: $0, literalCount: literals.count) }
        literalSlots = rows?.slotCount == slotCount ? rows : nil
    }
}

/// Numbers literals, each once, in order of first use.
package struct LiteralNumbering {
    package private(set) var literals: [[UInt8]] = []
    private var index: [LiteralKey: Int32] = [:]
    package init() {}

    package mutating func id(_ literal: [UInt8]) -> Int32 {
        let key = LiteralKey(bytes: literal)
        if let id = index[key] { return id }
        literals.append(literal)
        index[key] = Int32(literals.count - 1)
        return Int32(literals.count - 1)
    }
}

/// A literal as a dictionary key, hashed as one block of bytes.
package struct LiteralKey: Hashable {
    package let bytes: [UInt8]
    package init(bytes: [UInt8]) { self.bytes = bytes }
    package func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}
