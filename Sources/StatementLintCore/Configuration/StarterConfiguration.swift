extension Configuration {
    /// What `statementlint init` writes: every setting, commented, with safe defaults.
    public static let starter = """
    # statementlint configuration. statementlint uses the nearest .statementlint.yml above
    # each checked file; paths and globs here are relative to this file's folder.
    # Every key is optional; unknown keys and unknown rule ids are errors. Examples are the
    # lines starting with "#  ": to use one, remove the "#" and the empty [] or {} above it.

    # Extra rule folders (laid out as <category>/<id>.yml), loaded with the built-in pack.
    rules: []
    # Set to false to use only the folders above.
    default-rules: true

    # Run only these rules or categories (empty: all), and never these.
    only: []
    disable: []
    #  - plain-language/sentence-length
    # Also run these opt-in rules or categories ('statementlint rules' marks them).
    enable: []
    #  - plain-language/attempted-to-tried

    # What the statements here are, instead of detecting it from their words: kind
    # (initial-release, update, chief-statement, investigator-release, closing), incident
    # (shooting, custody-death, force, pursuit, protest, raid), jurisdiction (us, non-us, uk,
    # ie, ca, au, nz). Elements that cannot apply to it are not reported.
    statement: {}
    #  jurisdiction: us

    # Change a rule's or a whole category's severity: error, warning, suggestion or off.
    severity: {}
    #  plain-language: suggestion

    # Exit 1 when a finding is at or above this severity; hide findings below min-severity.
    fail-level: warning
    min-severity: suggestion

    # Which files a directory walk checks (default: every *.txt and *.md), and which it skips.
    include: []
    #  - "statements/**/*.txt"
    exclude: []
    #  - "archive/**"

    # Agency vocabulary: terms never flagged (unit names, program names), and terms every
    # statement must use (the agency's full name).
    vocabulary:
      accept: []
      #  - Officer-Involved Shooting Team
      require: []
      #  - Port Adair Police Department

    # Settings for some paths only.
    overrides: []
    #  - files: ["updates/**"]
    #    disable: [facts/next-update-scheduled]
    #    severity: {facts: suggestion}

    """
}
