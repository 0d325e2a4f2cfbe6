import ArgumentParser
import Foundation
import JobBridge
import JobBridgeMigration

/// The options every phase that writes takes.
struct PhaseOptions: ParsableArguments {
    @Argument(help: "The plan file (its journal is PLAN.journal).") var plan: String
    @Option(name: .long, help: ArgumentHelp("At most this many jobs at once (1 to 64).", valueName: "n"))
    var concurrency: Int = ExecutionOptions.defaultConcurrency
    @Flag(
        name: .long,
        help: "Take over the journal's lock from a holder that is gone (killed); only when no other run is going.")
    var breakLock = false
    @Flag(name: .long, help: "Print the report as JSON for programs (progress stays on standard error).")
    var json = false

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 64") }
    }
}

/// What every phase does around the engine: load the plan and providers, show progress,
/// print the report, choose the exit status.
struct Phase {
    let name: String
    let options: PhaseOptions
    let global: GlobalOptions

    func run(
        _ body: @escaping @Sendable (MigrationEngine, LoadedPlan, URL) async throws -> MigrationReport,
        partlyDone: @escaping @Sendable (MigrationReport) -> Bool
    ) async throws {
        let context = ToolContext.current
        let files = MigrationFiles(options.plan, context: context)
        let plan = try files.readPlan()
        let set = try await global.providers(
            in: context, needed: [plan.sourceProvider, plan.targetProvider], defaultState: files.simulatorState)
        let source = try set.entry(named: plan.sourceProvider)
        let target = try set.entry(named: plan.targetProvider)
        let engine = MigrationEngine(
            source: source.provider, target: target.provider,
            options: ExecutionOptions(
                concurrency: options.concurrency, clock: set.clock, now: set.now, breakLock: options.breakLock))
        if options.breakLock, let gone = AbandonedLock.breakIfDead(journal: files.journal) {
            context.printError("\(name): took over the journal lock of pid \(gone.pid), which is no longer running")
        }
        let progress = MigrationProgress(context: context, total: plan.jobCount, phase: name, quiet: false)
        let events = engine.events
        let consumer = Task {
            for await event in events { progress.show(event) }
        }
        let report: MigrationReport
        do {
            report = try await body(engine, plan, files.journal)
        } catch let error as MigrationError {
            engine.finishEvents()
            await consumer.value
            progress.finish()
            var hint = ""
            if [LossCode.lockHeld, LossCode.lockStale].contains(error.code) {
                hint =
                    AbandonedLock.deadHolder(ofJournal: files.journal).map {
                        " (pid \($0.pid) is no longer running: run again with --break-lock)"
                    } ?? " (if that process is gone, run again with --break-lock)"
            }
            throw ToolExit(.failed, error.description + hint)
        } catch {
            engine.finishEvents()
            await consumer.value
            progress.finish()
            throw error
        }
        engine.finishEvents()
        await consumer.value
        progress.finish()
        if options.json {
            context.print(Redactor.redact(String(decoding: try report.encoded(pretty: true), as: UTF8.self)))
        } else {
            MigrationText.printReport(report, context: context)
        }
        if partlyDone(report) { throw ToolExit(.partlyDone, "\(name) did not finish every job: see the report") }
    }
}

/// `--map FILE` of the phases that check the plan against its mapping (apply, resume).
struct PhaseMappingOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The mapping the plan was made with (default: PLAN.mapping.json).", valueName: "file"))
    var map: String?

    /// The mapping named by `--map`, else the one `migrate plan` kept beside the plan.
    func load(for plan: String, context: ToolContext) throws -> ConnectionMapping {
        try MigrationFiles(plan, context: context).mappingForPhase(map, context: context)
    }

    /// Applies the plan with this mapping, as `migrate apply` and `migrate resume` both do
    /// (resume is an apply that reconciles the writes in doubt first): `name` is the phase
    /// the output names.
    func runApply(_ name: String, options: PhaseOptions, global: GlobalOptions) async throws {
        let mapping = try load(for: options.plan, context: ToolContext.current)
        try await Phase(name: name, options: options, global: global).run(
            { engine, plan, journal in try await plan.apply(engine, journal: journal, mapping: mapping) },
            partlyDone: { $0.hasFailuresOrBlocked })
    }
}

/// `jobbridge migrate apply PLAN`.
struct MigrateApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create the plan's targets (disabled), exactly as planned, journaling every write.",
        discussion: """
            Refuses a stale plan (a source job changed since planning) before any write. Looks every target \
            up before creating it, so applying twice creates nothing the second time. After an interruption \
            (even kill -9), run 'migrate resume'.

            JSON (--json): the report (as 'migrate report --json').

            Examples:
              jobbridge migrate apply plan.json
              jobbridge migrate apply plan.json --map mapping.json --concurrency 8
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PhaseOptions
    @OptionGroup var mapping: PhaseMappingOption

    func run() async throws { try await mapping.runApply("apply", options: options, global: global) }
}

/// `jobbridge migrate resume PLAN`.
struct MigrateResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Finish an interrupted apply: reconcile every write in doubt by looking at the target, then go on.",
        discussion: """
            A write the journal shows as sent but not answered is looked up on the target (by provenance, \
            then name or natural key) and never sent twice. A run that was killed leaves its lock behind: \
            pass --break-lock once you know it is gone.

            Examples:
              jobbridge migrate resume plan.json
              jobbridge migrate resume plan.json --break-lock
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PhaseOptions
    @OptionGroup var mapping: PhaseMappingOption

    func run() async throws { try await mapping.runApply("resume", options: options, global: global) }
}

/// `jobbridge migrate verify PLAN`.
struct MigrateVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Read every target back and compare it with the plan, field by field and schedule by behaviour.",
        discussion: """
            A target that differs is reported (VERIFY_MISMATCH with the field) and is not cut over. \
            Exit code 3 when one differs.

            Example:
              jobbridge migrate verify plan.json
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PhaseOptions

    func run() async throws {
        try await Phase(name: "verify", options: options, global: global).run(
            { engine, plan, journal in try await plan.verify(engine, journal: journal) },
            partlyDone: { $0.totals.mismatched > 0 || $0.hasFailuresOrBlocked })
    }
}

/// `jobbridge migrate cutover PLAN`.
struct MigrateCutoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cutover",
        abstract: "Switch each verified job over: drain the source's run, disable the source, enable the target.",
        discussion: """
            A job is never enabled on both sides. NX1 sources cannot be disabled: they are only deleted \
            (after a snapshot in the journal) when --delete-sources-that-cannot-be-disabled is given. \
            An interrupted cutover continues from the journal when run again. Exit code 3 when a job was \
            not cut over.

            Examples:
              jobbridge migrate cutover plan.json
              jobbridge migrate cutover plan.json --only 00000000-0000-4000-8000-000000000001
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PhaseOptions
    @Flag(name: .long, help: "Delete sources that cannot be disabled (NX1), after a snapshot in the journal.")
    var deleteSourcesThatCannotBeDisabled = false
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only these source job ids.", valueName: "id"))
    var only: [String] = []

    func run() async throws {
        let cutover = CutoverOptions(
            deleteSourcesThatCannotBeDisabled: deleteSourcesThatCannotBeDisabled,
            onlySourceIDs: only.isEmpty ? nil : Set(only))
        try await Phase(name: "cutover", options: options, global: global).run(
            { engine, plan, journal in try await plan.cutover(engine, journal: journal, options: cutover) },
            partlyDone: { $0.totals.notCutOver > 0 })
    }
}

/// `jobbridge migrate rollback PLAN [--delete-targets]`.
struct MigrateRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Undo a migration from its journal: disable (or delete) the targets it created, re-enable sources.",
        discussion: """
            Only targets this plan created are touched; sources are re-enabled exactly when cutover disabled \
            them. Running it twice changes nothing the second time. Deleting a CData Connect AI target \
            deletes its cached data: name each such target with --confirm-delete.

            Examples:
              jobbridge migrate rollback plan.json
              jobbridge migrate rollback plan.json --delete-targets
              jobbridge migrate rollback plan.json --delete-targets --confirm-delete 42 43
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: PhaseOptions
    @Flag(name: .long, help: "Delete the targets this plan created instead of disabling them.")
    var deleteTargets = false
    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Targets (ids or names) whose cached data may be deleted.", valueName: "target"))
    var confirmDelete: [String] = []
    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only these source job ids.", valueName: "id"))
    var only: [String] = []

    func validate() throws {
        if !confirmDelete.isEmpty && !deleteTargets {
            throw ValidationError("--confirm-delete only goes with --delete-targets")
        }
    }

    func run() async throws {
        let rollback = RollbackOptions(
            targets: deleteTargets ? .delete : .disable, confirmedDataDeletions: Set(confirmDelete),
            onlySourceIDs: only.isEmpty ? nil : Set(only))
        try await Phase(name: "rollback", options: options, global: global).run(
            { engine, plan, journal in try await plan.rollback(engine, journal: journal, options: rollback) },
            partlyDone: { _ in false })
    }
}
