import Foundation

/// The literals a rule pack's patterns require, each once, with the scanner that finds them,
/// made at build time for the built-in pack (see RuleEmbedder). A linter whose gated patterns
/// all come from one pack takes their literal numbers and the scanner from here instead of
/// building them at every start-up.
public final class LiteralPack: @unchecked Sendable {
    /// The literals, made into byte arrays on first use (a linter running the pack alone
    /// needs only the scanner).
    public var literals: [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        if let made = literalBytes { return made }
        let made = literalText.map { Array($0.utf8) }
        literalBytes = made
        return made
    }
    public var literalCount: Int { literalText.count }
    private let literalText: [String]
    private var literalBytes: [[UInt8]]?
    private let lock = NSLock()
    /// nil when the serialized scanner could not be read: the linter then builds its own.
    package let scanner: LiteralScanner?

    /// Numbers the literals `patterns` require, each once, in order of first use; `ids`
    /// gives each pattern's (nil when it requires none).
    package static func number(_ patterns: [Pattern]) -> (literals: [[UInt8]], ids: [(required: [Int32], also: [[Int32]])?]) {
        var numbering = LiteralNumbering()
        let ids = patterns.map { p in
            p.requiredLiterals.map { (required: $0.map { numbering.id($0) }, also: p.alsoRequired.map { $0.map { numbering.id($0) } }) }
        }
        return (numbering.literals, ids)
    }

    /// Gate rows the pack's patterns use (see `PackedLiterals.slot`).
    public let slotCount: Int

    /// `scanner` is `LiteralScanner.serialized()` for exactly these literals, base64.
    public init(literals: [String], scanner: String, slotCount: Int) {
        self.slotCount = slotCount
        literalText = literals
        let decoded = Regex.base64Decode(scanner).flatMap(LiteralScanner.init(serialized:))
        self.scanner = decoded?.literalCount == literals.count ? decoded : nil
    }
}

/// A pattern's required literals as numbers in a `LiteralPack`, and its rows in the gate of
/// a linter that runs (any part of) that pack alone: `slot` for `required`, and the slots
/// after it for the sets in `also`, each over units of `unit`.
public struct PackedLiterals: Sendable {
    public let pack: LiteralPack
    public let required: [Int32]
    public let also: [[Int32]]
    public let slot: Int32
    public let unit: Scope
    public init(pack: LiteralPack, required: [Int32], also: [[Int32]], slot: Int32, unit: Scope) {
        self.pack = pack; self.required = required; self.also = also; self.slot = slot; self.unit = unit
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
