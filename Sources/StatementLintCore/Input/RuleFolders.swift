import Foundation

extension RuleSelection {
    /// The rule folders, each loaded once: the same folder named twice (`--rules R --rules ./R`,
    /// a link to it, or `--rules` and a configuration's `rules:`) is the same folder, compared
    /// after resolving links, `.` and `..`. Two different folders defining one id are still an error.
    var distinctRuleDirectories: [String] {
        var seen = Set<String>()
        return ruleDirectories.filter { dir in
            let resolved = realpath(dir, nil).map { p in defer { free(p) }; return String(cString: p) }
                ?? URL(fileURLWithPath: dir).standardizedFileURL.path
            return seen.insert(resolved).inserted
        }
    }
}
