/// The five principles of the guidance, and how a statement fares on each.
public struct ChecklistItem: Sendable {
    public let principle: String
    public let title: String
    public let findings: Int
    /// Rule ids of required elements the statement lacks.
    public let missing: [String]
    public var ok: Bool { findings == 0 }
}

public enum Checklist {
    /// Principle, title, and the categories whose findings count against it.
    public static let principles: [(String, String, [Category])] = [
        ("facts", "State the facts openly and honestly", [.facts, .transparency]),
        ("victim", "Do not demonize the person harmed", [.demonizing]),
        ("accountability", "Acknowledge wrongdoing; name who did what", [.accountability]),
        ("officer-rights", "Protect the rights of the officers involved", [.officerRights]),
        ("policy-response", "Tell the community the agency's immediate response", [.policyResponse]),
    ]

    /// Counts unsuppressed findings at or above `threshold`.
    public static func evaluate(_ findings: [Finding], threshold: Severity) -> [ChecklistItem] {
        let counted = findings.filter { $0.suppression == nil && $0.severity >= threshold }
        return principles.map { key, title, categories in
            let mine = counted.filter { categories.contains($0.category) }
            return ChecklistItem(principle: key, title: title, findings: mine.count,
                                 missing: mine.filter(\.isMissingElement).map(\.qualifiedID))
        }
    }
}
