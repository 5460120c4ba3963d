/// The five principles of the guidance, and how a statement fares on each.
public struct ChecklistItem: Sendable {
    public let principle: String
    public let title: String
    public let findings: Int
    /// Rule ids of required elements the statement lacks.
    public let missing: [String]
    /// Elements of this principle that cannot apply to the statement, with the reason.
    public var notApplicable: [NotApplicableElement] = []
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
    public static func evaluate(_ findings: [Finding], notApplicable: [NotApplicableElement] = [], threshold: Severity) -> [ChecklistItem] {
        // One pass over the findings (reports call this for every file), reading them in place.
        var counts = [Int](repeating: 0, count: principles.count)
        var missing = [[String]](repeating: [], count: principles.count)
        for i in findings.indices {
            guard findings[i].suppression == nil, findings[i].severity >= threshold,
                  let p = principleOf[findings[i].category.rank] else { continue }
            counts[p] += 1
            if findings[i].isMissingElement { missing[p].append(findings[i].qualifiedID) }
        }
        return principles.indices.map { p in
            var item = ChecklistItem(principle: principles[p].0, title: principles[p].1, findings: counts[p], missing: missing[p])
            item.notApplicable = notApplicable.filter { principleOf[$0.category.rank] == p }
            return item
        }
    }

    /// Whether the checklist lists `f` as a missing element (a `require` or `conditional`
    /// finding of a rule under one of the principles); text output shows it there only.
    public static func listsAsMissing(_ f: Finding) -> Bool { f.isMissingElement && principleOf[f.category.rank] != nil }

    /// By category rank: the principle whose categories include it (the first, should two list it).
    static let principleOf: [Int?] = Category.allCases.map { c in principles.firstIndex { $0.2.contains(c) } }
}
